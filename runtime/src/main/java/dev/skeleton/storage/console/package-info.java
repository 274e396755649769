/**
 * The console bundle of the Skeleton Storage platform ({@code dev.skeleton.storage.console}): Gogo's
 * JLine shell on the process's terminal, with its history in the data folder and completion of
 * command, store and engine names; see {@link dev.skeleton.storage.console.ConsoleActivator}.
 *
 * <p>Built by the runtime module into a bundle of its own (see {@code runtime/console.bnd}); none of
 * it is on the launcher's class path, and nothing here is exported.
 */
package dev.skeleton.storage.console;
