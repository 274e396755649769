package dev.skeleton.storage.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * The properties a Declarative Services component declares in the descriptor bnd wrote for it,
 * {@code OSGI-INF/<class name>.xml} in its bundle: what its service is registered with in the
 * platform. A property of several values lists them one a line in the element's text.
 */
final class ComponentProperties {

    private ComponentProperties() {
    }

    /**
     * The properties of a component class's descriptor.
     *
     * @param component the component's class, loaded from its bundle's jar
     * @return each property's values, in the descriptor's order
     * @throws IllegalStateException if the class has no descriptor beside it
     */
    static Map<String, List<String>> of(Class<?> component) {
        String resource = "/OSGI-INF/" + component.getName() + ".xml";
        try (InputStream descriptor = component.getResourceAsStream(resource)) {
            if (descriptor == null) {
                throw new IllegalStateException("no component descriptor " + resource + " beside " + component);
            }
            NodeList elements = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(descriptor)
                    .getElementsByTagName("property");
            Map<String, List<String>> properties = new LinkedHashMap<>();
            for (int i = 0; i < elements.getLength(); i++) {
                Element property = (Element) elements.item(i);
                properties.put(property.getAttribute("name"), values(property));
            }
            return properties;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        } catch (ParserConfigurationException | SAXException e) {
            throw new IllegalStateException("cannot parse " + resource + ": " + e, e);
        }
    }

    private static List<String> values(Element property) {
        if (property.hasAttribute("value")) {
            return List.of(property.getAttribute("value"));
        }
        List<String> values = new ArrayList<>();
        for (String line : property.getTextContent().split("\n")) {
            if (!line.isBlank()) {
                values.add(line.strip());
            }
        }
        return values;
    }
}
