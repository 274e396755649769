/**
 * Gogo shell commands of scope {@code store} over the {@link dev.skeleton.storage.MultiStore}
 * service: see {@link dev.skeleton.storage.shell.StoreCommands} for the commands on stores, keys
 * and versions, and {@link dev.skeleton.storage.shell.BackupCommands} for those that carry whole
 * stores (export, import, verify, copy, move).
 *
 * <p>Private to the bundle: nothing here is exported. The component classes and their exception
 * are public only because Declarative Services instantiates the ones and Gogo shows the other.
 */
package dev.skeleton.storage.shell;
