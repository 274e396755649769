package dev.skeleton.storage.shell;

import dev.skeleton.storage.ExportOptions;
import dev.skeleton.storage.ImportOptions;
import dev.skeleton.storage.MultiStore;
import dev.skeleton.storage.StorageException;
import dev.skeleton.storage.TransferListener;
import dev.skeleton.storage.TransferReport;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * A multistore whose transfer methods (export, import, verify, copy, move) follow a script instead
 * of doing the work, and whose other methods are those of a real multistore: so that the commands'
 * side of a transfer (arguments, progress, stopping, summaries) is tested apart from the
 * multistore's.
 *
 * <p>A transfer records its call, runs {@link #script} with the listener it was given (as the
 * multistore does, rethrowing a {@link StorageException} the listener throws), then throws
 * {@link #failure} if set, else returns {@link #report}.
 */
final class ScriptedTransfers {

    private static final Set<String> TRANSFERS = Set.of("exportStore", "importStore", "verifyDump", "copyStore",
            "moveStore");

    /** A transfer method called: its name and arguments. */
    record Call(String method, List<Object> arguments) {
    }

    /** What a transfer does with its listener before it ends. */
    @FunctionalInterface
    interface Script {
        void run(TransferListener listener) throws Exception;
    }

    final List<Call> calls = new ArrayList<>();
    Script script = listener -> { };
    RuntimeException failure;
    TransferReport report = report("users", "memory", "memory", 1000, 12_000, Duration.ofMillis(4100), Duration.ZERO);

    private final MultiStore real;
    private final MultiStore proxy;

    /**
     * A scripted multistore over a real one.
     *
     * @param real the multistore that does everything but transfers
     */
    ScriptedTransfers(MultiStore real) {
        this.real = real;
        this.proxy = (MultiStore) Proxy.newProxyInstance(MultiStore.class.getClassLoader(),
                new Class<?>[] {MultiStore.class}, (self, method, arguments) -> invoke(method, arguments));
    }

    /** The multistore to give the commands. */
    MultiStore multiStore() {
        return proxy;
    }

    /** The only transfer call made so far. */
    Call call() {
        if (calls.size() != 1) {
            throw new AssertionError("expected one transfer call, got " + calls);
        }
        return calls.get(0);
    }

    /** A report with a hash of 32 bytes 0x3f. */
    static TransferReport report(String store, String from, String to, long entries, long bytes, Duration elapsed,
                                 Duration pause) {
        byte[] hash = new byte[32];
        Arrays.fill(hash, (byte) 0x3f);
        return new TransferReport(store, from, to, entries, bytes, hash, elapsed, pause);
    }

    private Object invoke(Method method, Object[] arguments) throws Throwable {
        if (!TRANSFERS.contains(method.getName())) {
            try {
                return method.invoke(real, arguments);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }
        calls.add(new Call(method.getName(), List.of(arguments)));
        script.run(listenerOf(arguments));
        if (failure != null) {
            throw failure;
        }
        return report;
    }

    private static TransferListener listenerOf(Object[] arguments) {
        for (Object argument : arguments) {
            if (argument instanceof TransferListener listener) {
                return listener;
            }
            if (argument instanceof ExportOptions options) {
                return options.listener();
            }
            if (argument instanceof ImportOptions options) {
                return options.listener();
            }
        }
        throw new AssertionError("no listener in " + Arrays.toString(arguments));
    }
}
