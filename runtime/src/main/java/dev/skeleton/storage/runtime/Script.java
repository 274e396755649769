package dev.skeleton.storage.runtime;

import java.util.ArrayList;
import java.util.List;

/**
 * Commands to run one after the other: the text of {@code -c} or of a script file, cut into
 * statements so that the launcher can print each result and stop at the first failure.
 *
 * <h2>Where a statement ends</h2>
 * At a new line or a {@code ;} that is outside quotes ({@code '...'}, {@code "..."}) and outside
 * brackets ({@code {...}}, {@code (...)}, {@code [...]}), so that Gogo closures, sub-commands and
 * lists may span lines. A backslash escapes the next character (outside single quotes), a
 * backslash before a line break continues the statement on the next line. A line whose first
 * non-blank character is {@code #} is a comment. Gogo itself parses each statement; an unclosed
 * quote or bracket leaves the rest of the text to one statement, where Gogo reports it.
 *
 * @param source     where the commands come from, for messages: {@code -c}, a file, {@code stdin}
 * @param statements the statements, in order
 */
record Script(String source, List<Statement> statements) {

    /**
     * One statement and the line it starts on.
     *
     * @param line the line number, from 1
     * @param text the statement, without its terminator and surrounding blanks
     */
    record Statement(int line, String text) {
    }

    /** The statements are copied. */
    Script {
        statements = List.copyOf(statements);
    }

    /**
     * Cuts a text into statements.
     *
     * @param source where the text comes from
     * @param text   the commands
     * @return the script
     */
    static Script parse(String source, String text) {
        return new Script(source, new Cutter(text).statements());
    }

    /** One pass over the text, tracking quotes, brackets and line numbers. */
    private static final class Cutter {
        private final String text;
        private final List<Statement> statements = new ArrayList<>();
        private final StringBuilder current = new StringBuilder();
        private int line = 1;
        private int startLine = 1;
        private int depth;
        private char quote;
        /** Whether the current statement has only blanks so far. */
        private boolean blank = true;

        Cutter(String text) {
            this.text = text;
        }

        List<Statement> statements() {
            for (int i = 0; i < text.length(); i++) {
                i = consume(i);
            }
            end();
            return statements;
        }

        /** Takes the character at {@code i} (and any it escapes); returns the index of the last one taken. */
        private int consume(int i) {
            char c = text.charAt(i);
            if (quote == 0 && blank && c == '#') {
                return skipComment(i);
            }
            if (c == '\\' && quote != '\'' && i + 1 < text.length()) {
                append(c);
                append(text.charAt(i + 1));
                return i + 1;
            }
            if (quote != 0) {
                quote = c == quote ? 0 : quote;
                append(c);
            } else if (c == '\'' || c == '"') {
                quote = c;
                append(c);
            } else if (depth == 0 && (c == '\n' || c == ';')) {
                end();
                countLine(c);
            } else {
                track(c);
                append(c);
            }
            return i;
        }

        private int skipComment(int i) {
            int end = text.indexOf('\n', i);
            return end < 0 ? text.length() : end - 1;
        }

        private void track(char c) {
            if (c == '{' || c == '(' || c == '[') {
                depth++;
            } else if ((c == '}' || c == ')' || c == ']') && depth > 0) {
                depth--;
            }
        }

        private void append(char c) {
            if (blank && !Character.isWhitespace(c)) {
                blank = false;
                startLine = line;
            }
            current.append(c);
            countLine(c);
        }

        private void countLine(char c) {
            if (c == '\n') {
                line++;
            }
        }

        private void end() {
            String statement = current.toString().strip();
            if (!statement.isEmpty()) {
                statements.add(new Statement(startLine, statement));
            }
            current.setLength(0);
            blank = true;
        }
    }
}
