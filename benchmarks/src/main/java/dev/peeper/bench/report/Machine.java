package dev.peeper.bench.report;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * What the numbers were measured on: they mean nothing without it. {@code load} is the load average (1, 5, 15
 * minutes) before and after the run: anything else running on the machine shows there.
 */
record Machine(int cores, String cpu, long memoryGiB, String os, String jdk, String date, String load) {

    /** The same machine with the load averages seen before and after the run. */
    Machine withLoad(String before, String after) {
        return new Machine(cores, cpu, memoryGiB, os, jdk, date, before + " before, " + after + " after");
    }

    /** {@code /proc/loadavg}'s three load averages, or "n/a". */
    static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return fields[0] + " / " + fields[1] + " / " + fields[2];
        } catch (IOException | RuntimeException e) {
            return "n/a";
        }
    }

    static Machine describe() {
        String cpu = "unknown CPU";
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(line -> line.startsWith("model name"))
                    .map(line -> line.substring(line.indexOf(':') + 1).trim())
                    .findFirst().orElse(cpu);
        } catch (IOException | RuntimeException e) {
            // not Linux: the core count and the JDK still say the most
        }
        long memory = 0;
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            memory = Math.round(os.getTotalMemorySize() / (1024.0 * 1024 * 1024));
        }
        return new Machine(Runtime.getRuntime().availableProcessors(), cpu, memory,
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"),
                System.getProperty("java.vm.vendor") + " " + System.getProperty("java.vm.name") + " "
                        + System.getProperty("java.runtime.version"),
                ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")), "n/a");
    }
}
