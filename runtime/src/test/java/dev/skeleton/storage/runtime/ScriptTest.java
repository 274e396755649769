package dev.skeleton.storage.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class ScriptTest {

    private static Script.Statement at(int line, String text) {
        return new Script.Statement(line, text);
    }

    static Stream<Arguments> texts() {
        return Stream.of(
                Arguments.of("one statement", "store:engines", List.of(at(1, "store:engines"))),
                Arguments.of("lines", "store:create a\nstore:set a k v\n",
                        List.of(at(1, "store:create a"), at(2, "store:set a k v"))),
                Arguments.of("semicolons", "store:create a; store:get a k",
                        List.of(at(1, "store:create a"), at(1, "store:get a k"))),
                Arguments.of("blank lines and blanks", "\n\n   store:engines   \n\n;;\n",
                        List.of(at(3, "store:engines"))),
                Arguments.of("Windows line ends", "a\r\nb\r\n", List.of(at(1, "a"), at(2, "b"))),
                Arguments.of("comment lines", "# make a store\n  # indented\nstore:create a # not a comment",
                        List.of(at(3, "store:create a # not a comment"))),
                Arguments.of("a comment after a semicolon", "a; # rest\nb", List.of(at(1, "a"), at(2, "b"))),
                Arguments.of("a comment at the end", "a\n# the end", List.of(at(1, "a"))),
                Arguments.of("single quotes", "store:set a k 'x; y\nz'; b",
                        List.of(at(1, "store:set a k 'x; y\nz'"), at(2, "b"))),
                Arguments.of("double quotes with an escaped quote", "echo \"say \\\"hi;\\\"\"; b",
                        List.of(at(1, "echo \"say \\\"hi;\\\"\""), at(1, "b"))),
                Arguments.of("a backslash is plain in single quotes", "echo 'a\\'; b",
                        List.of(at(1, "echo 'a\\'"), at(1, "b"))),
                Arguments.of("an escaped semicolon", "echo a\\;b", List.of(at(1, "echo a\\;b"))),
                Arguments.of("a continued line", "store:set a \\\n k v\nb",
                        List.of(at(1, "store:set a \\\n k v"), at(3, "b"))),
                Arguments.of("closures span lines", "each [1 2] {\n echo $it; echo x\n}\nb",
                        List.of(at(1, "each [1 2] {\n echo $it; echo x\n}"), at(4, "b"))),
                Arguments.of("sub-commands", "echo (store:get a k); b", List.of(at(1, "echo (store:get a k)"), at(1, "b"))),
                Arguments.of("an unbalanced closer", "a }; b", List.of(at(1, "a }"), at(1, "b"))),
                Arguments.of("an unclosed quote keeps the rest", "a 'b; c\nd", List.of(at(1, "a 'b; c\nd"))),
                Arguments.of("a trailing backslash", "a \\", List.of(at(1, "a \\"))),
                Arguments.of("nothing", "", List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("texts")
    void statementsEndAtLinesAndSemicolonsOutsideQuotesAndBrackets(String what, String text, List<Script.Statement> expected) {
        assertEquals(expected, Script.parse("-c", text).statements());
    }

    @Test
    void theSourceIsKept() {
        assertEquals("setup.gogo", Script.parse("setup.gogo", "a").source());
    }
}
