package dev.skeleton.storage.multistore;

import dev.skeleton.storage.Capabilities;
import dev.skeleton.storage.Config;
import dev.skeleton.storage.ContentHashReader;
import dev.skeleton.storage.Engine;
import dev.skeleton.storage.Store;
import dev.skeleton.storage.Transaction;
import dev.skeleton.storage.Transactional;
import dev.skeleton.storage.memory.MemoryEngine;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/**
 * The memory engine, except that the read-only transactions of its stores tell a content hash that
 * is not theirs (all zeros): a faulty engine, to show that a transfer takes the hash from the
 * engine where it can, and that a wrong one is caught before anyone trusts it. Its stores show
 * only {@link Store} and {@link Transactional}; every call but {@code contentHash} is the memory
 * engine's.
 */
final class LyingHashEngine implements Engine {

    static final String NAME = "lying";
    /** What its transactions claim as their content hash. */
    static final byte[] CLAIMED = new byte[32];

    private final MemoryEngine memory = new MemoryEngine();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Store create(String name, String path, Config config) {
        Store store = memory.create(name, path, config);
        return (Store) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {Store.class, Transactional.class}, (proxy, method, args) -> {
                    Object result = forward(store, method, args);
                    return method.getName().equals("beginReadOnlyTx") ? lying((Transaction) result) : result;
                });
    }

    /** A read-only transaction that claims {@link #CLAIMED} as its hash. */
    private static Transaction lying(Transaction tx) {
        return (Transaction) Proxy.newProxyInstance(LyingHashEngine.class.getClassLoader(),
                new Class<?>[] {Transaction.class, ContentHashReader.class}, (proxy, method, args) ->
                        method.getName().equals("contentHash") ? CLAIMED.clone() : forward(tx, method, args));
    }

    private static Object forward(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
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
        return new Capabilities(true, false, false, false, false);
    }
}
