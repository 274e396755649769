package dev.skeleton.storage.itests.consumer;

import dev.skeleton.storage.Store;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;

/**
 * A consumer as a user writes one: a Declarative Services component whose only dependency is
 * {@code @Reference(target = "(store.name=users)") Store users}. Its descriptor is written by hand
 * in {@code SkeletonOptions#usersConsumer} (the test bundle is built at run time, without bnd).
 * It offers itself as a {@code Function<String, String>} that reads a key of the store, so that a
 * test can see what the component sees.
 */
public class UsersConsumer implements Function<String, String> {

    /** Injected by Declarative Services (static, mandatory): the component exists only with it. */
    private Store users;

    @Override
    public String apply(String key) {
        return new String(users.get(key.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
    }
}
