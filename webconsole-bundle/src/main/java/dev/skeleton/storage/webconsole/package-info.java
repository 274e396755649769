/**
 * The "Storage" page of the Apache Felix Web Console ({@code /system/console/storage}) over the
 * {@link dev.skeleton.storage.MultiStore} service.
 *
 * <p>{@link dev.skeleton.storage.webconsole.StorageConsolePlugin} is the servlet and the
 * Declarative Services component: it wires the multistore, decides what a request asks for and
 * writes the answer. Plain classes next to it do the work, so that each can be tested without a
 * container: {@code StoreOverview}, {@code StoreFigures}, {@code KeyBrowser} with {@code KeyPager}
 * and {@code KeyRange}, {@code StoreVersions} and {@code StoreActions} make the answers;
 * {@code RequestGuard} refuses cross-site and wrong-method requests; {@code Json}, {@code HtmlText}
 * and {@code ByteText} turn values into safe text. The page itself is {@code page.html},
 * {@code res/storage.js} and {@code res/storage.css} beside these classes.
 *
 * <p>Private to the bundle: nothing here is exported. The component class is public only because
 * Declarative Services instantiates it and the Web Console calls its {@code getResource}.
 */
package dev.skeleton.storage.webconsole;
