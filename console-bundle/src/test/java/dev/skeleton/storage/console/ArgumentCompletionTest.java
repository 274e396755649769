package dev.skeleton.storage.console;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.apache.felix.gogo.jline.Shell;
import org.apache.felix.service.command.CommandSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Which words complete with store and engine names, on the real store commands: the parameter the
 * word is for decides, by its Java name, options and their values skipped.
 */
class ArgumentCompletionTest {

    private static final List<String> STORES = List.of("orders", "users");
    private static final List<String> ENGINES = List.of("file", "memory");

    @TempDir
    Path root;
    private GogoFixture gogo;
    private CommandSession session;
    private final ArgumentCompletion completion = new ArgumentCompletion(() -> STORES, () -> ENGINES);

    @BeforeEach
    void gogo() {
        gogo = new GogoFixture(root);
        session = gogo.session();
    }

    @AfterEach
    void close() {
        session.close();
        gogo.close();
    }

    private Object complete(String line) {
        session.put(Shell.VAR_COMMAND_LINE, GogoFixture.line(line));
        return completion.execute(session, List.of());
    }

    @ParameterizedTest(name = "[{0}] completes {1}")
    @CsvSource(delimiter = '|', value = {
            "'store:info '|stores",
            "'store:get us'|stores",
            "'store:get -x '|stores",
            "'store:get --hex us'|stores",
            "'store:info -h '|stores",
            "'store:scan '|stores",
            "'store:scan -l 5 -r '|stores",
            "'store:create x '|engines",
            "'store:create x me'|engines",
            "'store:delete '|stores",
            "'store:load '|stores",
            "'store:export '|stores",
            "'store:export -z --version 2 '|stores",
            "'store:copy '|stores",
            "'store:copy --engine file '|stores",
            "'store:move '|stores",
            "'store:move users '|engines",
            "'store:move users me'|engines",
    })
    void storeAndEngineParametersCompleteWithNames(String line, String names) {
        assertEquals(names.equals("stores") ? STORES : ENGINES, complete(line));
    }

    @ParameterizedTest(name = "[{0}] completes nothing")
    @CsvSource(delimiter = '|', value = {
            "'store:get users '|the key",
            "'store:set users k '|the value",
            "'store:set users k v '|no more arguments",
            "'store:scan -l '|the value of an option",
            "'store:scan --start '|the value of an option",
            "'store:create '|a new store's name",
            "'store:create x memory '|engine config",
            "'store:load users '|a version",
            "'store:engines '|no arguments",
            "'store:export users '|a dump file",
            "'store:export --version '|the value of an option",
            "'store:import '|a dump file",
            "'store:import users.dump '|a new store's name",
            "'store:import users.dump users '|engine config",
            "'store:import --engine '|the value of an option",
            "'store:verify '|a dump file",
            "'store:copy users '|a new store's name",
            "'store:move users memory '|no more arguments",
            "'echo '|no named parameter",
            "'nosuch '|no such command",
    })
    void otherWordsCompleteWithNothing(String line, String why) {
        assertEquals(List.of(), complete(line), why);
    }

    @Test
    void aCommandWithoutScopeIsResolvedAsTheConsoleResolvesIt() {
        session.put("SCOPE", "gogo:*");
        assertEquals(STORES, complete("info "));
    }

    @Test
    void withoutALineBeingCompletedThereIsNothing() {
        assertEquals(List.of(), completion.execute(session, List.of()));
        assertEquals(List.of(), complete("stor"));
    }
}
