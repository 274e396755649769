package dev.skeleton.storage.multistore;

import dev.skeleton.storage.ErrorCode;
import dev.skeleton.storage.MultiStore;
import dev.skeleton.storage.StorageException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The rule for store names, and how names (and other text a caller gave) are shown in messages.
 *
 * <h2>Valid names</h2>
 * A name matches {@value MultiStore#STORE_NAME_PATTERN} and is none of the {@linkplain #RESERVED
 * reserved names}: the files the multistore itself keeps under its root ({@code catalog.txt},
 * {@code catalog.txt.tmp} and the lock file). The contract says "a store's path is
 * {@code rootPath/<name>}", so a store named like one of those files could never be created; the
 * stricter reading taken here refuses such names up front, with INVALID_ARGUMENT, in every method
 * that takes a store name. They are compared ignoring case, because on a case-insensitive file
 * system {@code Catalog.TXT} is the same file.
 *
 * <h2>Names in messages</h2>
 * A refused name can be anything, ten thousand characters or a line break included; messages must
 * stay one readable line. {@link #shown} keeps a text of up to {@value #SHOWN_WHOLE} characters (any
 * valid name) whole and cuts a longer one to its first {@value #SHOWN_HEAD} characters plus its
 * length, and writes control characters as {@code \\uXXXX}.
 *
 * <p>Stateless and thread-safe.
 */
final class StoreNames {

    /** Names of files under the root that no store may take, in lower case. */
    static final List<String> RESERVED = List.of(Catalog.FILE_NAME, Catalog.TEMP_FILE_NAME, RootLock.FILE_NAME);

    /** Texts up to this length are shown whole: the longest valid store name. */
    static final int SHOWN_WHOLE = 128;
    /** How much of a longer text is shown. */
    static final int SHOWN_HEAD = 64;

    private static final Pattern VALID = Pattern.compile(MultiStore.STORE_NAME_PATTERN);

    private StoreNames() {
    }

    /**
     * Checks a store name.
     *
     * @param name the name a caller gave
     * @throws StorageException INVALID_ARGUMENT for null, a name outside the pattern, or a reserved
     *         name; the message shows the name {@linkplain #shown cut} to one short line
     */
    static void check(String name) {
        if (name == null || !VALID.matcher(name).matches()) {
            throw new StorageException(ErrorCode.INVALID_ARGUMENT, "invalid store name " + quoted(name)
                    + ": must match " + MultiStore.STORE_NAME_PATTERN);
        }
        if (RESERVED.contains(name.toLowerCase(Locale.ROOT))) {
            throw new StorageException(ErrorCode.INVALID_ARGUMENT, "invalid store name " + quoted(name)
                    + ": reserved for the multistore's own file of that name under its root (reserved: "
                    + RESERVED + ")");
        }
    }

    /**
     * A text as a message shows it: {@code null}, or the text in double quotes, cut if long.
     *
     * @param text a name, key or line a caller or a file gave
     * @return one short line
     */
    static String quoted(String text) {
        return text == null ? "null" : "\"" + shown(text) + "\"";
    }

    /**
     * A text cut to a readable length, control characters escaped.
     *
     * @param text any text, not null
     * @return the text, or its first {@value #SHOWN_HEAD} characters followed by
     *         {@code ... (N characters)}
     */
    static String shown(String text) {
        String head = text.length() <= SHOWN_WHOLE ? text : text.substring(0, SHOWN_HEAD);
        StringBuilder out = new StringBuilder(head.length() + 24);
        for (int i = 0; i < head.length(); i++) {
            char c = head.charAt(i);
            if (Character.isISOControl(c)) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        if (head.length() < text.length()) {
            out.append("... (").append(text.length()).append(" characters)");
        }
        return out.toString();
    }
}
