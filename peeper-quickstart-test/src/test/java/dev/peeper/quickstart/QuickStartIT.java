package dev.peeper.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peeper.quickstart.ReadmeSnippets.Snippet;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The README's Quick start, pasted into a fresh project and run with the README's command on the JDK Maven runs
 * on (17 on a machine whose default is 17). The Peeper artifacts come from the private repository that
 * invoker:install filled in pre-integration-test; everything else from this build's repository or Maven Central.
 * Its pom compiles with {@code -Xlint:all -Werror} and no {@code -Xlint:-processing}: the processor claims its
 * annotation, so that lint has nothing to say. The same project with the README's {@code module-info.java} runs on
 * the module path, and cannot reach the runtime's internal packages.
 */
class QuickStartIT {
    private static final Pattern PEEPER_VERSION = Pattern.compile("<peeper\\.version>([^<]+)</peeper\\.version>");
    private static final long TIMEOUT_SECONDS = 300;
    /** How the README's pom runs Main on the class path, and how a modular project runs it instead. */
    private static final String CLASS_PATH_RUN = """
            <argument>-classpath</argument>
                        <classpath/>
                        <argument>com.example.Main</argument>""";
    private static final String MODULE_PATH_RUN = """
            <argument>--module-path</argument>
                        <modulepath/>
                        <argument>--module</argument>
                        <argument>com.example/com.example.Main</argument>""";

    private final Path readme = Path.of(property("quickstart.readme"));
    private final Path work = Path.of(property("quickstart.dir"));

    @Test
    void theQuickStartBuildsAndRunsAsPasted() throws IOException, InterruptedException {
        List<Snippet> files = ReadmeSnippets.in(Files.readString(readme, StandardCharsets.UTF_8));
        assertThat(files).extracting(f -> f.path().toString().replace('\\', '/')).containsExactlyInAnyOrder(
                "pom.xml", "src/main/java/com/example/Counter.java", "src/main/java/com/example/Main.java");
        assertThat(versionIn(files)).as("the peeper.version in the README's pom.xml; update the README to the "
                + "version this build makes").isEqualTo(property("quickstart.peeperVersion"));
        assertThat(pomOf(files)).as("the README's compiler arguments: every lint warning an error, processing "
                        + "included, since the processor claims its annotation (issue 10, item 1)")
                .contains("<arg>-Xlint:all</arg>", "<arg>-Werror</arg>")
                .doesNotContain("-Xlint:-");

        Path project = freshProject("project", files);
        ChildMaven.Outcome run = childMaven().run(project, TIMEOUT_SECONDS, "-q", "compile", "exec:exec");

        assertThat(run.exitCode()).as("`mvn -q compile exec:exec` in the Quick start project; it printed:%n%s",
                run.output()).isZero();
        assertThat(run.output())
                .as("Main's own line").contains("count 5 after 1 restart")
                .as("the restart, logged through the README's SLF4J provider")
                .contains("restarts its worker after it exited");
    }

    @Test
    void theQuickStartRunsOnTheModulePath() throws IOException, InterruptedException {
        Path project = freshProject("modular-project", modularQuickStart());
        ChildMaven.Outcome run = childMaven().run(project, TIMEOUT_SECONDS, "-q", "compile", "exec:exec");

        assertThat(run.exitCode()).as("`mvn -q compile exec:exec` in the modular Quick start project, whose "
                + "generated client compiles inside module com.example; it printed:%n%s", run.output()).isZero();
        assertThat(project.resolve("target/classes/module-info.class")).as("compiled as a named module").exists();
        assertThat(project.resolve("target/classes/com/example/CounterClient.class")).exists();
        assertThat(run.output())
                .as("Main's own line, run as --module com.example/com.example.Main").contains("count 5 after 1 restart")
                .as("the restart, logged through the SLF4J provider that the module path binds as a service")
                .contains("restarts its worker after it exited");
    }

    @Test
    void aModularProjectCannotUseTheRuntimesInternals() throws IOException, InterruptedException {
        List<Snippet> files = new ArrayList<>(modularQuickStart());
        files.add(new Snippet(Path.of("src/main/java/com/example/Sneaky.java"), """
                package com.example;

                import dev.peeper.server.internal.ServerLoops;

                class Sneaky {
                    Object loops() {
                        return ServerLoops.class;
                    }
                }
                """));
        Path project = freshProject("modular-internals-project", files);
        ChildMaven.Outcome run = childMaven().run(project, TIMEOUT_SECONDS, "-q", "compile");

        assertThat(run.exitCode()).as("compiling a module that imports the runtime's internal ServerLoops; it "
                + "printed:%n%s", run.output()).isNotZero();
        assertThat(run.output())
                .contains("Sneaky.java:[3,")
                .contains("package dev.peeper.server.internal is not visible")
                .contains("is declared in module dev.peeper.runtime, which does not export it");
    }

    /** The README's Quick start files, its {@code module-info.java}, and its pom run on the module path. */
    private List<Snippet> modularQuickStart() throws IOException {
        String readmeText = Files.readString(readme, StandardCharsets.UTF_8);
        List<Snippet> moduleFiles = ReadmeSnippets.in(readmeText, ReadmeSnippets.QUICKSTART_MODULE);
        assertThat(moduleFiles).extracting(f -> f.path().toString().replace('\\', '/'))
                .containsExactly("src/main/java/module-info.java");
        List<Snippet> files = new ArrayList<>();
        for (Snippet file : ReadmeSnippets.in(readmeText)) {
            if (file.path().equals(Path.of("pom.xml"))) {
                assertThat(file.text()).as("the README's pom runs Main on the class path as this test expects")
                        .contains(CLASS_PATH_RUN);
                files.add(new Snippet(file.path(), file.text().replace(CLASS_PATH_RUN, MODULE_PATH_RUN)));
            } else {
                files.add(file);
            }
        }
        files.addAll(moduleFiles);
        return files;
    }

    private ChildMaven childMaven() throws IOException {
        return new ChildMaven(Path.of(property("quickstart.mavenHome")), Path.of(property("quickstart.javaHome")),
                settings(), work.resolve("repository"));
    }

    private static String pomOf(List<Snippet> files) {
        return files.stream().filter(f -> f.path().equals(Path.of("pom.xml"))).findFirst().orElseThrow().text();
    }

    private static String versionIn(List<Snippet> files) {
        Matcher version = PEEPER_VERSION.matcher(pomOf(files));
        assertThat(version.find()).as("a <peeper.version> property in the README's pom.xml").isTrue();
        return version.group(1);
    }

    /** A new project {@code name} holding exactly {@code files} (what an earlier run left is removed first). */
    private Path freshProject(String name, List<Snippet> files) throws IOException {
        Path project = work.resolve(name);
        if (Files.exists(project)) {
            try (Stream<Path> old = Files.walk(project)) {
                for (Path path : old.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
        for (Snippet file : files) {
            Path target = project.resolve(file.path());
            Files.createDirectories(target.getParent());
            Files.writeString(target, file.text(), StandardCharsets.UTF_8);
        }
        return project;
    }

    /**
     * Settings that offer this build's local repository as a read-only remote one, ahead of Maven Central: the
     * plugins and libraries this build already downloaded are copied from it, not downloaded again. Snapshots are
     * not taken from it, so the Peeper artifacts are the ones built now.
     */
    private Path settings() throws IOException {
        String shared = Path.of(property("quickstart.sharedRepository")).toUri().toString();
        String repository = """
                <id>this-build</id>
                <url>%s</url>
                <releases><enabled>true</enabled></releases>
                <snapshots><enabled>false</enabled></snapshots>""".formatted(shared);
        String xml = """
                <settings>
                  <profiles>
                    <profile>
                      <id>this-build</id>
                      <repositories><repository>%1$s</repository></repositories>
                      <pluginRepositories><pluginRepository>%1$s</pluginRepository></pluginRepositories>
                    </profile>
                  </profiles>
                  <activeProfiles><activeProfile>this-build</activeProfile></activeProfiles>
                </settings>
                """.formatted(repository);
        Path settings = work.resolve("settings.xml");
        Files.writeString(settings, xml, StandardCharsets.UTF_8);
        return settings;
    }

    private static String property(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("system property " + name + " is not set; run this test through "
                    + "`mvn verify`, whose failsafe configuration sets it");
        }
        return value;
    }
}
