package dev.skeleton.storage.shell;

import dev.skeleton.storage.Capabilities;
import dev.skeleton.storage.Config;
import dev.skeleton.storage.Engine;
import dev.skeleton.storage.Store;
import dev.skeleton.storage.memory.MemoryEngine;

/**
 * A second engine with every capability of the memory engine, under another name, so that a store
 * can be moved or copied between two engines with only the memory engine on the class path: it is
 * a memory engine of its own, and its stores are the memory engine's stores.
 */
final class OtherEngine implements Engine {

    static final String NAME = "other";

    private final MemoryEngine memory = new MemoryEngine();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Store create(String name, String path, Config config) {
        return memory.create(name, path, config);
    }

    @Override
    public Store open(String name, String path) {
        return memory.open(name, path);
    }

    @Override
    public void destroy(String name, String path) {
        memory.destroy(name, path);
    }

    @Override
    public Capabilities capabilities() {
        return memory.capabilities();
    }
}
