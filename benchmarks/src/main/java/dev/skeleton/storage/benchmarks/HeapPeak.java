package dev.skeleton.storage.benchmarks;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * The heap a piece of work needed, watched while it runs, two ways:
 * <ul>
 *   <li><em>peak used</em>: the most the heap held at any moment, garbage included, from
 *       {@link java.lang.management.MemoryMXBean#getHeapMemoryUsage()} sampled every
 *       {@value #SAMPLE_MILLIS} ms and, in between, each heap pool's own peak
 *       ({@link MemoryPoolMXBean#getPeakUsage()}, reset at the start; their sum can only be higher
 *       than the true peak). In a small heap this is close to the maximum for any work that
 *       allocates: the collector lets garbage pile up until it must collect;</li>
 *   <li><em>peak after collection</em>: the most the heap held right after a garbage collection
 *       ended, from the collectors' notifications: what survived a collection, which is what the
 *       work kept reachable (plus old garbage a young collection does not reclaim). A streaming
 *       transfer keeps this flat, whatever the size of the data.</li>
 * </ul>
 * Thread safety: the figures may be read from any thread while the watch runs; {@link #close()}
 * stops it (the sampler is a daemon thread).
 */
final class HeapPeak implements AutoCloseable {

    static final long SAMPLE_MILLIS = 5;
    private static final double MIB = 1024.0 * 1024.0;

    private final List<MemoryPoolMXBean> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(pool -> pool.getType() == MemoryType.HEAP).toList();
    private final Set<String> heapPoolNames = heapPools.stream().map(MemoryPoolMXBean::getName)
            .collect(Collectors.toSet());
    private final AtomicLong sampled = new AtomicLong();
    private final AtomicLong afterCollection = new AtomicLong();
    private final AtomicLong collections = new AtomicLong();
    private final List<NotificationEmitter> emitters = new ArrayList<>();
    private final NotificationListener listener = this::collected;
    private final Thread sampler;
    private volatile boolean closed;

    /** Starts watching. */
    HeapPeak() {
        heapPools.forEach(MemoryPoolMXBean::resetPeakUsage);
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (collector instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener(listener, null, null);
                emitters.add(emitter);
            }
        }
        sampler = new Thread(this::sample, "heap-peak-sampler");
        sampler.setDaemon(true);
        sampler.start();
    }

    /**
     * The peak used: the higher of the samples and the sum of the pools' peaks.
     *
     * @return MiB
     */
    double peakUsedMiB() {
        long pools = heapPools.stream().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
        return Math.max(sampled.get(), pools) / MIB;
    }

    /**
     * The peak after collection.
     *
     * @return MiB; 0 if no collection ended while watching
     */
    double peakAfterCollectionMiB() {
        return afterCollection.get() / MIB;
    }

    /**
     * Collections that ended while watching.
     *
     * @return the count
     */
    long collections() {
        return collections.get();
    }

    /**
     * The heap's maximum ({@code -Xmx}).
     *
     * @return MiB
     */
    static double maxMiB() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getMax() / MIB;
    }

    /** Stops watching. */
    @Override
    public void close() {
        closed = true;
        for (NotificationEmitter emitter : emitters) {
            try {
                emitter.removeNotificationListener(listener);
            } catch (ListenerNotFoundException e) {
                // Never added: nothing to remove.
            }
        }
        try {
            sampler.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void sample() {
        while (!closed) {
            sampled.accumulateAndGet(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max);
            try {
                Thread.sleep(SAMPLE_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void collected(Notification notification, Object handback) {
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
            return;
        }
        GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from(
                (CompositeData) notification.getUserData());
        long used = 0;
        for (Map.Entry<String, MemoryUsage> pool : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
            if (heapPoolNames.contains(pool.getKey())) {
                used += pool.getValue().getUsed();
            }
        }
        collections.incrementAndGet();
        afterCollection.accumulateAndGet(used, Math::max);
    }
}
