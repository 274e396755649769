package dev.skeleton.storage.console;

import org.apache.felix.gogo.jline.Shell;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;

/**
 * What Gogo's JLine shell asks of its surroundings: the framework's properties, and a way to stop
 * the framework (its {@code gosh} command with {@code --login} and without {@code --noshutdown}
 * stops it at the end of its input). Stopping the system bundle returns at once; the framework
 * stops on a thread of its own.
 *
 * <p>Immutable.
 */
final class ShellContext implements Shell.Context {

    private final BundleContext context;

    /**
     * The surroundings of the console bundle.
     *
     * @param context the console bundle's context
     */
    ShellContext(BundleContext context) {
        this.context = context;
    }

    @Override
    public String getProperty(String name) {
        return context.getProperty(name);
    }

    @Override
    public void exit() throws BundleException {
        context.getBundle(0).stop();
    }
}
