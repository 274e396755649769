package dev.skeleton.storage.webconsole;

import dev.skeleton.storage.MultiStore;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.function.Function;

/**
 * A multistore whose answers a test gives by method name, for states a real one reaches only with
 * engines this module does not have (a persistent store whose engine left, a store not open yet).
 * Any other method throws {@link UnsupportedOperationException}.
 */
final class StubMultiStore {

    private StubMultiStore() {
    }

    static MultiStore answering(Map<String, Function<Object[], Object>> answers) {
        return (MultiStore) Proxy.newProxyInstance(StubMultiStore.class.getClassLoader(),
                new Class<?>[] {MultiStore.class}, (proxy, method, args) -> {
                    Function<Object[], Object> answer = answers.get(method.getName());
                    if (answer == null) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    return answer.apply(args);
                });
    }
}
