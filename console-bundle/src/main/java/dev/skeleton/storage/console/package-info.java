/**
 * The console bundle of the Skeleton Storage platform ({@code dev.skeleton.storage.console}): Gogo's
 * JLine shell on the process's terminal, with its history in the data folder and completion of
 * command, store and engine names; see {@link dev.skeleton.storage.console.ConsoleActivator}.
 *
 * <p>The module {@code console-bundle} builds it (see its {@code bnd.bnd}); the runtime installs it
 * as a platform bundle. None of it is on the launcher's class path, and nothing here is exported.
 */
package dev.skeleton.storage.console;
