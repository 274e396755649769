/**
 * What every engine shares: the ordered copy-on-write tree that holds data in memory
 * ({@link dev.skeleton.storage.core.CopyOnWriteTree}), the content hash of saved versions
 * ({@link dev.skeleton.storage.core.ContentHash}) and the way keys appear in error messages
 * ({@link dev.skeleton.storage.core.Keys}).
 *
 * <p>An internal library, not an API: each engine bundle embeds this package privately (bnd
 * {@code -conditionalpackage}) and no bundle exports it, so engines share source, never runtime
 * wiring. The types are public only because the engines live in other packages. Everything that
 * is not named above is package-private and may change freely.
 */
package dev.skeleton.storage.core;
