package dev.headroom.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/** The BOM tells users which versions of Headroom's runtime libraries to use: the ones it is built with. */
class BomTest {

    @Test
    void theBomPinsLettuceAndTheOtherRuntimeLibrariesAtTheVersionsTheBuildUses() throws Exception {
        Path root = ProjectFiles.root();
        Map<String, String> build = properties(parse(root.resolve("pom.xml")));
        Document bom = parse(root.resolve("bom/pom.xml"));
        Map<String, String> pinned = properties(bom);

        Map<String, String> managed = new HashMap<>();
        NodeList dependencies = bom.getElementsByTagName("dependency");
        for (int i = 0; i < dependencies.getLength(); i++) {
            Element dependency = (Element) dependencies.item(i);
            managed.put(text(dependency, "artifactId"), text(dependency, "version"));
        }

        assertThat(managed)
                .containsEntry("lettuce-core", "${lettuce.version}")
                .containsEntry("caffeine", "${caffeine.version}")
                .containsEntry("slf4j-api", "${slf4j.version}")
                .containsEntry("micrometer-core", "${micrometer.version}")
                .containsEntry("jackson-databind", "${jackson.version}")
                .containsEntry("HikariCP", "${hikaricp.version}");
        pinned.forEach((property, version) -> {
            if (property.endsWith(".version")) {
                assertThat(version)
                        .as("bom/pom.xml %s against the parent's", property)
                        .isEqualTo(build.get(property));
            }
        });
    }

    private static Document parse(Path pom) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(pom.toFile());
    }

    private static Map<String, String> properties(Document pom) {
        Map<String, String> properties = new HashMap<>();
        NodeList blocks = pom.getDocumentElement().getElementsByTagName("properties");
        for (int b = 0; b < blocks.getLength(); b++) {
            NodeList children = blocks.item(b).getChildNodes();
            for (int i = 0; i < children.getLength(); i++) {
                Node child = children.item(i);
                if (child.getNodeType() == Node.ELEMENT_NODE) {
                    properties.put(child.getNodeName(), child.getTextContent().trim());
                }
            }
        }
        return properties;
    }

    private static String text(Element parent, String tag) {
        NodeList nodes = parent.getElementsByTagName(tag);
        return nodes.getLength() == 0 ? "" : nodes.item(0).getTextContent().trim();
    }
}
