package dev.skeleton.storage.multistore;

import dev.skeleton.storage.StorageEvent;
import dev.skeleton.storage.StorageEventListener;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/** Records every event it receives, in order, from any thread. */
final class RecordingListener implements StorageEventListener {

    private final List<StorageEvent> events = new CopyOnWriteArrayList<>();

    @Override
    public void onEvent(StorageEvent e) {
        events.add(e);
    }

    List<StorageEvent> events() {
        return List.copyOf(events);
    }

    /** The events as {@code TYPE store engine version}, for assertions that read like a log. */
    List<String> log() {
        return events.stream().map(RecordingListener::describe).collect(Collectors.toList());
    }

    static String describe(StorageEvent e) {
        return e.type() + " " + e.storeName() + " " + e.engineName() + " " + e.version();
    }

    List<StorageEvent> ofType(StorageEvent.Type type) {
        return events.stream().filter(e -> e.type() == type).collect(Collectors.toList());
    }

    void clear() {
        events.clear();
    }
}
