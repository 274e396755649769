package dev.skeleton.storage.testkit;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;

/**
 * The JUnit 5 extension behind {@link EngineFixture}: gives each kit test a fresh
 * {@link StoreFixture} parameter, cleans it up after the test, and bounds every test in time.
 *
 * <p>Registered by {@code @ExtendWith} on {@link EngineFixture}, so an engine's compliance test
 * needs no registration of its own. Two settings are read as JUnit configuration parameters, which
 * fall back to JVM system properties ({@code mvn verify -Dskeleton.testkit.stressMillis=10000}):
 * <ul>
 *   <li>{@value #STRESS_MILLIS}: how long each stress test runs, in milliseconds (default 1000);</li>
 *   <li>{@value #TIMEOUT_SECONDS}: the limit of every other part of a test, in seconds (default
 *       60). A test that passes its limit plus three stress durations fails as stuck: a deadlocked
 *       engine fails the build instead of hanging it.</li>
 * </ul>
 */
public final class StoreFixtureExtension implements ParameterResolver, AfterEachCallback, InvocationInterceptor {

    /** Configuration parameter: duration of each stress test in milliseconds. */
    public static final String STRESS_MILLIS = "skeleton.testkit.stressMillis";

    /** Configuration parameter: base time limit of each test in seconds. */
    public static final String TIMEOUT_SECONDS = "skeleton.testkit.timeoutSeconds";

    private static final long DEFAULT_STRESS_MILLIS = 1_000;
    private static final long DEFAULT_TIMEOUT_SECONDS = 60;
    private static final Namespace NAMESPACE = Namespace.create(StoreFixtureExtension.class);

    /** Made by JUnit through {@code @ExtendWith}. */
    public StoreFixtureExtension() {
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == StoreFixture.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getStore(NAMESPACE)
                .getOrComputeIfAbsent(StoreFixture.class, key -> newFixture(context), StoreFixture.class);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        StoreFixture fixture = context.getStore(NAMESPACE).remove(StoreFixture.class, StoreFixture.class);
        if (fixture != null) {
            fixture.cleanUp();
        }
    }

    @Override
    public void interceptTestMethod(Invocation<Void> invocation,
            ReflectiveInvocationContext<Method> invocationContext, ExtensionContext context) {
        runWithinLimit(invocation, context);
    }

    @Override
    public void interceptTestTemplateMethod(Invocation<Void> invocation,
            ReflectiveInvocationContext<Method> invocationContext, ExtensionContext context) {
        runWithinLimit(invocation, context);
    }

    private static void runWithinLimit(Invocation<Void> invocation, ExtensionContext context) {
        Duration limit = Duration.ofSeconds(longParameter(context, TIMEOUT_SECONDS, DEFAULT_TIMEOUT_SECONDS))
                .plus(stressDuration(context).multipliedBy(3));
        assertTimeoutPreemptively(limit, invocation::proceed,
                () -> context.getDisplayName() + " is stuck: the engine did not answer (deadlock?)");
    }

    private static StoreFixture newFixture(ExtensionContext context) {
        Object test = context.getRequiredTestInstance();
        if (!(test instanceof EngineFixture engineFixture)) {
            throw new IllegalStateException(StoreFixture.class.getSimpleName() + " parameters need a test"
                    + " class that implements " + EngineFixture.class.getName() + ": " + test.getClass());
        }
        return new StoreFixture(engineFixture, newDirectory(), stressDuration(context));
    }

    private static Path newDirectory() {
        try {
            return Files.createTempDirectory("skeleton-testkit-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary directory for the test's stores", e);
        }
    }

    private static Duration stressDuration(ExtensionContext context) {
        return Duration.ofMillis(longParameter(context, STRESS_MILLIS, DEFAULT_STRESS_MILLIS));
    }

    private static long longParameter(ExtensionContext context, String name, long defaultValue) {
        String value = context.getConfigurationParameter(name).orElse(null);
        if (value == null) {
            return defaultValue;
        }
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, was \"" + value + "\"", e);
        }
    }
}
