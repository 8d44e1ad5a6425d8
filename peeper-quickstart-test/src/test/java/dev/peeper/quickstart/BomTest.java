package dev.peeper.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The BOM names every artifact this build publishes, at the build's version, so a new module cannot be forgotten
 * in it. A module is published unless its POM sets {@code maven.deploy.skip} to {@code true}.
 */
class BomTest {
    private final Path root = Path.of(System.getProperty("quickstart.root", ".."));

    @Test
    void theBomManagesEveryPublishedModuleAtTheBuildsVersion() throws Exception {
        Document parent = read(root.resolve("pom.xml"));
        Document bom = read(root.resolve("peeper-bom/pom.xml"));
        String version = child(parent.getDocumentElement(), "version");

        List<String> published = new ArrayList<>();
        for (String module : texts(parent.getDocumentElement(), "modules", "module")) {
            Element pom = read(root.resolve(module).resolve("pom.xml")).getDocumentElement();
            boolean notDeployed = "true".equals(child(element(pom, "properties"), "maven.deploy.skip"));
            if (!notDeployed && !"pom".equals(child(pom, "packaging"))) {
                published.add(child(pom, "artifactId"));
            }
        }
        List<String> managed = new ArrayList<>();
        Element dependencies = element(element(bom.getDocumentElement(), "dependencyManagement"), "dependencies");
        for (Element dependency : elements(dependencies, "dependency")) {
            managed.add(child(dependency, "artifactId"));
            assertThat(child(dependency, "version")).as("version of %s in the BOM", child(dependency, "artifactId"))
                    .isEqualTo("${project.version}");
        }

        assertThat(published).as("published modules").contains("peeper-runtime", "peeper-annotations",
                "peeper-processor");
        assertThat(managed).as("the artifacts peeper-bom/pom.xml manages: add a new published module there, or set "
                + "maven.deploy.skip in its POM if it is not published").containsExactlyInAnyOrderElementsOf(published);
        assertThat(child(bom.getDocumentElement(), "version")).as("peeper-bom's version (it has no parent, so it is "
                + "written there too)").isEqualTo(version);
    }

    private static Document read(Path pom) throws Exception {
        assertThat(pom).exists();
        try (var in = Files.newInputStream(pom)) {
            return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(in);
        }
    }

    private static List<Element> elements(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        if (parent == null) {
            return found;
        }
        NodeList children = parent.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            Node node = children.item(i);
            if (node instanceof Element element && element.getTagName().equals(name)) {
                found.add(element);
            }
        }
        return found;
    }

    private static Element element(Element parent, String name) {
        List<Element> found = elements(parent, name);
        return found.isEmpty() ? null : found.get(0);
    }

    private static String child(Element parent, String name) {
        Element found = element(parent, name);
        return found == null ? null : found.getTextContent().trim();
    }

    private static List<String> texts(Element parent, String listName, String itemName) {
        return elements(element(parent, listName), itemName).stream().map(e -> e.getTextContent().trim()).toList();
    }
}
