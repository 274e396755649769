package dev.skeleton.storage.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skeleton.storage.shell.HelpFlag;
import dev.skeleton.storage.shell.StoreCommands;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Optional;
import org.apache.felix.gogo.jline.Shell;
import org.apache.felix.service.command.CommandSession;
import org.junit.jupiter.api.Test;

/**
 * The arguments of a command as its Java method declares them, read from the real store commands,
 * whose parameter names are part of what the console relies on.
 */
class CommandSignatureTest {

    private static CommandSignature of(String name, Class<?>... types) throws NoSuchMethodException {
        return CommandSignature.of(StoreCommands.class.getMethod(name, types));
    }

    @Test
    void flagsOptionsAndPositionalParametersAreTold() throws NoSuchMethodException {
        CommandSignature scan = of("scan", HelpFlag.class, boolean.class, String.class, String.class, boolean.class,
                String.class, String.class);

        assertEquals("list entries in key order, within [start, end)", scan.description());
        assertEquals(new CommandSignature.Option(List.of("-h", "--help"), false, "print this help"),
                scan.options().get(0));
        assertEquals(new CommandSignature.Option(List.of("-x", "--hex"), false, "keys and values in hex (input and output)"),
                scan.options().get(1));
        assertTrue(scan.options().get(2).takesValue(), "--start takes a value");
        assertEquals(List.of("store"), scan.positional(), "the store commands keep their parameter names");
        assertFalse(scan.varargs());
    }

    @Test
    void theLastArrayParameterTakesTheRemainingWords() throws NoSuchMethodException {
        CommandSignature create = of("create", HelpFlag.class, String.class, String[].class);

        assertEquals(List.of("name", "engineAndConfig"), create.positional());
        assertTrue(create.varargs());
        assertEquals(Optional.of(new CommandSignature.Position("engineAndConfig", 2)),
                create.next(List.of("s", "memory", "a=1")));
    }

    @Test
    void theSessionParameterTakesNoWord() throws NoSuchMethodException {
        Method help = Shell.class.getMethod("help", CommandSession.class, String.class);

        CommandSignature signature = CommandSignature.of(help);

        assertEquals(1, signature.positional().size());
        assertEquals("displays information about a specific command", signature.description());
    }

    @Test
    void aMethodWithoutAnnotationsHasNoDescriptions() throws NoSuchMethodException {
        CommandSignature signature = CommandSignature.of(Object.class.getMethod("equals", Object.class));

        assertEquals("", signature.description());
        assertEquals(Optional.empty(), signature.next(List.of("a")));
    }
}
