/**
 * The multistore as a JPMS module, for plain Java: {@code DefaultMultiStore} in the exported
 * package, the engines found through {@link java.util.ServiceLoader} ({@code uses}).
 */
module dev.skeleton.storage.multistore {
    requires transitive dev.skeleton.storage.api;
    // The content hash of dumps; in OSGi the same code travels as a private inner jar (bnd.bnd).
    requires dev.skeleton.storage.core;
    // JMX for the stores' MBeans; HdrHistogram (an automatic module named after its jar, which
    // has no Automatic-Module-Name) for their latency percentiles.
    requires java.management;
    requires HdrHistogram;
    requires static osgi.core;
    requires static org.osgi.service.event;
    requires static org.osgi.service.component.annotations;
    requires static org.osgi.service.metatype.annotations;

    exports dev.skeleton.storage.multistore;

    uses dev.skeleton.storage.Engine;
}
