/**
 * Gogo shell commands of scope {@code store} over the {@link dev.skeleton.storage.MultiStore}
 * service: see {@link dev.skeleton.storage.shell.StoreCommands}.
 *
 * <p>Private to the bundle: nothing here is exported. The component class and its exception are
 * public only because Declarative Services instantiates the one and Gogo shows the other.
 */
package dev.skeleton.storage.shell;
