package dev.skeleton.storage.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skeleton.storage.checks.ReactorBundles.Bundle;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The oldest platform the bundles claim, OSGi Release 7 (README, "OSGi containers"), read from the
 * generated manifests: no bundle asks for a Declarative Services extender newer than DS 1.4 (R7), or
 * imports an OSGi package at a version newer than R7's. Karaf 4.3 and other R7 containers install
 * the bundles only while this holds; bnd derives both from what the build compiles against (the
 * component annotations' version, {@code osgi.core}'s), so a dependency upgrade can break it silently.
 */
class OldestFrameworkIT {

    /** DS 1.4 is the Declarative Services of OSGi R7 (SCR 2.1). */
    private static final OsgiVersion R7_COMPONENT_EXTENDER = OsgiVersion.parse("1.4.0");

    /** The versions at which OSGi R7 (Core and Compendium) exports the packages our bundles may import. */
    private static final Map<String, OsgiVersion> R7_PACKAGES = Map.ofEntries(
            Map.entry("org.osgi.framework", OsgiVersion.parse("1.9")),
            Map.entry("org.osgi.framework.startlevel", OsgiVersion.parse("1.0")),
            Map.entry("org.osgi.framework.wiring", OsgiVersion.parse("1.2")),
            Map.entry("org.osgi.util.tracker", OsgiVersion.parse("1.5")),
            Map.entry("org.osgi.service.cm", OsgiVersion.parse("1.6")),
            Map.entry("org.osgi.service.component", OsgiVersion.parse("1.4")),
            Map.entry("org.osgi.service.event", OsgiVersion.parse("1.4")),
            Map.entry("org.osgi.service.jdbc", OsgiVersion.parse("1.0")),
            Map.entry("org.osgi.service.log", OsgiVersion.parse("1.4")),
            Map.entry("org.osgi.service.metatype", OsgiVersion.parse("1.4")));

    private static final Pattern VERSION_ATTRIBUTE = Pattern.compile(";\\s*version\\s*=\\s*\"?([\\[(]?)([0-9.]+)");
    private static final Pattern EXTENDER_FLOOR =
            Pattern.compile("\\(osgi\\.extender=osgi\\.component\\).*?\\(version>=([0-9.]+)\\)");

    @Test
    void noBundleAsksForADeclarativeServicesNewerThanR7s() {
        List<String> tooNew = new ArrayList<>();
        for (Bundle bundle : ReactorBundles.all()) {
            componentExtenderFloor(bundle.header("Require-Capability"))
                    .filter(floor -> floor.compareTo(R7_COMPONENT_EXTENDER) > 0)
                    .ifPresent(floor -> tooNew.add(bundle.symbolicName() + " requires DS " + floor));
        }
        assertTrue(tooNew.isEmpty(), "DS newer than 1.4 (R7): " + tooNew);
    }

    @Test
    void noBundleImportsAnOsgiPackageNewerThanR7s() {
        List<String> tooNew = new ArrayList<>();
        for (Bundle bundle : ReactorBundles.all()) {
            for (String clause : ReactorBundles.clausesOf(bundle.header("Import-Package"))) {
                String name = clause.split(";")[0].trim();
                if (name.startsWith("org.osgi.")) {
                    OsgiVersion r7 = R7_PACKAGES.get(name);
                    if (r7 == null) {
                        tooNew.add(bundle.symbolicName() + " imports " + name + ", which this check does not know:"
                                + " add its R7 version to R7_PACKAGES");
                    } else if (importFloor(clause).compareTo(r7) > 0) {
                        tooNew.add(bundle.symbolicName() + " imports " + clause + " (R7 has " + r7 + ")");
                    }
                }
            }
        }
        assertTrue(tooNew.isEmpty(), "imports newer than R7: " + tooNew);
    }

    @Test
    void theChecksReadFloorsAsBndWritesThem() {
        assertTrue(OsgiVersion.parse("1.10").compareTo(OsgiVersion.parse("1.9")) > 0);
        assertEquals(0, OsgiVersion.parse("1.4").compareTo(OsgiVersion.parse("1.4.0")));
        assertEquals(OsgiVersion.parse("1.10"), importFloor("org.osgi.framework;version=\"[1.10,2)\""));
        assertEquals(OsgiVersion.parse("1.4"), importFloor("org.osgi.service.event;resolution:=optional;version=\"[1.4,2)\""));
        assertEquals(OsgiVersion.parse("0"), importFloor("org.osgi.service.jdbc;resolution:=optional"));
        assertEquals(Optional.of(OsgiVersion.parse("1.5.0")), componentExtenderFloor(
                "osgi.extender;filter:=\"(&(osgi.extender=osgi.component)(version>=1.5.0)(!(version>=2.0.0)))\","
                        + "osgi.ee;filter:=\"(&(osgi.ee=JavaSE)(version=17))\""));
        assertEquals(Optional.empty(), componentExtenderFloor("osgi.ee;filter:=\"(&(osgi.ee=JavaSE)(version=17))\""));
        assertEquals(Optional.empty(), componentExtenderFloor(null));
        assertThrows(AssertionError.class, () -> componentExtenderFloor(
                "osgi.extender;filter:=\"(osgi.extender=osgi.component)\""));
    }

    /** The lowest version an Import-Package clause accepts: "0" when it names none, as OSGi reads it. */
    private static OsgiVersion importFloor(String clause) {
        Matcher matcher = VERSION_ATTRIBUTE.matcher(clause);
        return matcher.find() ? OsgiVersion.parse(matcher.group(2)) : OsgiVersion.parse("0");
    }

    /** The lowest DS version a Require-Capability header asks for, if it asks for the component extender. */
    private static Optional<OsgiVersion> componentExtenderFloor(String header) {
        for (String clause : ReactorBundles.clausesOf(header)) {
            if (clause.contains("osgi.extender=osgi.component")) {
                Matcher matcher = EXTENDER_FLOOR.matcher(clause);
                if (!matcher.find()) {
                    // No floor means any DS: bnd always writes one, so its absence means the header changed shape.
                    throw new AssertionError("no version floor in " + clause);
                }
                return Optional.of(OsgiVersion.parse(matcher.group(1)));
            }
        }
        return Optional.empty();
    }
}
