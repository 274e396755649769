package dev.skeleton.storage.shell;

import dev.skeleton.storage.ExportOptions;
import dev.skeleton.storage.ImportOptions;
import dev.skeleton.storage.MultiStore;
import dev.skeleton.storage.TransferListener;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;

/**
 * A real multistore whose transfers find their thread interrupted at their first progress report,
 * as when Ctrl-C comes in the middle: every listener a transfer method receives is wrapped so that
 * it interrupts the current thread before it passes the report on. The commands' listener then
 * stops the transfer, and the real multistore must undo what it made.
 */
final class InterruptingTransfers {

    private InterruptingTransfers() {
    }

    /**
     * The multistore to give the commands.
     *
     * @param real the multistore that does the work
     * @return a multistore that interrupts its transfers
     */
    static MultiStore over(MultiStore real) {
        return (MultiStore) Proxy.newProxyInstance(MultiStore.class.getClassLoader(), new Class<?>[] {MultiStore.class},
                (self, method, arguments) -> {
                    Object[] wrapped = arguments == null ? null : arguments.clone();
                    for (int i = 0; wrapped != null && i < wrapped.length; i++) {
                        wrapped[i] = interrupting(wrapped[i]);
                    }
                    try {
                        return method.invoke(real, wrapped);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private static Object interrupting(Object argument) {
        if (argument instanceof TransferListener listener) {
            return interrupting(listener);
        }
        if (argument instanceof ExportOptions options) {
            return options.reporting(interrupting(options.listener()));
        }
        if (argument instanceof ImportOptions options) {
            return options.reporting(interrupting(options.listener()));
        }
        return argument;
    }

    private static TransferListener interrupting(TransferListener listener) {
        return progress -> {
            Thread.currentThread().interrupt();
            listener.progress(progress);
        };
    }
}
