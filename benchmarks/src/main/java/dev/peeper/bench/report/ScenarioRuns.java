package dev.peeper.bench.report;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Runs one scenario of {@code Scenarios} in a JVM of its own and collects its {@code RESULT} lines. */
final class ScenarioRuns {
    private ScenarioRuns() {
    }

    /**
     * @param jvmArgs the scenario JVM's options (its heap, mostly)
     * @param args    the scenario and its arguments, as {@code Scenarios} takes them
     */
    static Map<String, String> run(List<String> jvmArgs, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmArgs);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("dev.peeper.bench.scenario.Scenarios");
        command.addAll(List.of(args));
        System.out.println("# scenario: " + String.join(" ", jvmArgs) + " " + String.join(" ", args));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        Map<String, String> results = new LinkedHashMap<>();
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null; ) {
                System.out.println("  " + line);
                if (line.startsWith("RESULT ")) {
                    String[] parts = line.split(" ", 3);
                    results.put(parts[1], parts[2]);
                }
            }
        }
        int exit = process.waitFor();
        if (exit != 0) {
            throw new IllegalStateException("scenario " + String.join(" ", args) + " failed with exit code " + exit);
        }
        return results;
    }
}
