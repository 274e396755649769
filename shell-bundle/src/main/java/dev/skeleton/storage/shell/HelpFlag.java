package dev.skeleton.storage.shell;

/**
 * The type of the {@code -h}/{@code --help} flag that every command method of scope {@code store}
 * declares first, so that {@code store:get --help} prints the command's help wherever Gogo runs it
 * (plain Gogo, Karaf, whose {@code help store:get} runs exactly that and shows what it prints).
 *
 * <h2>How the flag works</h2>
 * Gogo calls, among the methods named like the command and {@code _main}, one whose parameters take
 * the words (see {@link StoreCommands#_main}). Absent, the flag is {@link #NOT_ASKED}, which Gogo
 * converts like any enum constant, and the command runs as if the flag were not there. Present, its
 * value is {@link #ASKED}, which names no constant of this type: Gogo cannot convert it, so no command
 * method takes words with the flag, and {@code _main} runs and prints the help
 * ({@link CommandHelp#answer}). Without the flag, a command that takes one word would take
 * {@code --help} as that word: {@code store:info --help} would look for a store named
 * {@code --help}.
 *
 * <p>The annotation of the flag, the same on every command method:
 * <pre>
 * &#64;Descriptor(HelpFlag.DESCRIPTION)
 * &#64;Parameter(names = {"-h", "--help"}, presentValue = HelpFlag.ASKED, absentValue = HelpFlag.ABSENT)
 * HelpFlag help,
 * </pre>
 * It names no Gogo type, so the command classes still load where Gogo is absent.
 */
public enum HelpFlag {

    /** The flag's only value: help was not asked for, the command runs. */
    NOT_ASKED;

    /** The flag's description in every help. */
    static final String DESCRIPTION = "print this help";

    /** The value of the flag when absent: {@link #NOT_ASKED}. */
    static final String ABSENT = "NOT_ASKED";

    /** The value of the flag when given: no constant of this type, so no command method takes it. */
    static final String ASKED = "help asked";

    /**
     * Whether a word asks for help.
     *
     * @param word a word of a command line
     * @return true for {@code -h} and {@code --help}
     */
    static boolean asks(CharSequence word) {
        return word != null && ("-h".contentEquals(word) || "--help".contentEquals(word));
    }
}
