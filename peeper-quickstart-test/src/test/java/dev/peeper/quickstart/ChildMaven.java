package dev.peeper.quickstart;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs Maven in a child process, as a user would in a fresh project: the same Maven installation and JDK as this
 * build, with a private local repository and settings, so nothing it does reaches the shared {@code ~/.m2}.
 */
final class ChildMaven {
    /** What a run printed (stdout and stderr together) and how it ended. */
    record Outcome(int exitCode, String output) {
    }

    private final Path mavenHome;
    private final Path javaHome;
    private final Path settings;
    private final Path localRepository;

    ChildMaven(Path mavenHome, Path javaHome, Path settings, Path localRepository) {
        this.mavenHome = mavenHome;
        this.javaHome = javaHome;
        this.settings = settings;
        this.localRepository = localRepository;
    }

    /**
     * Runs {@code mvn -B -s settings -Dmaven.repo.local=... arguments} in {@code project}; a run that takes longer
     * than {@code timeoutSeconds} is killed and reported as exit code -1.
     */
    Outcome run(Path project, long timeoutSeconds, String... arguments) throws IOException, InterruptedException {
        boolean windows = System.getProperty("os.name").toLowerCase(java.util.Locale.ROOT).startsWith("windows");
        List<String> command = new ArrayList<>();
        command.add(mavenHome.resolve("bin").resolve(windows ? "mvn.cmd" : "mvn").toString());
        command.add("-B");
        command.add("-s");
        command.add(settings.toString());
        command.add("-Dmaven.repo.local=" + localRepository);
        command.addAll(List.of(arguments));
        Path log = project.resolve("build.log");
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(project.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("JAVA_HOME", javaHome.toString());
        builder.environment().remove("MAVEN_ARGS"); // this build's arguments are not the user's
        Process maven = builder.start();
        int exitCode;
        if (maven.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            exitCode = maven.exitValue();
        } else {
            maven.descendants().forEach(ProcessHandle::destroyForcibly);
            maven.destroyForcibly().waitFor();
            exitCode = -1;
        }
        return new Outcome(exitCode, Files.readString(log, StandardCharsets.UTF_8));
    }
}
