package dev.skeleton.storage.webconsole;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class RequestGuardTest {

    @ParameterizedTest(name = "{0} {1} with header [{2}]: {3}")
    @CsvSource(nullValues = "-", value = {
        "GET,  CREATE,   1, 405",
        "GET,  DELETE,   -, 405",
        "GET,  SAVE,     1, 405",
        "GET,  LOAD,     1, 405",
        "POST, CREATE,   -, 403",
        "POST, DELETE,   0, 403",
        "POST, SAVE,   true, 403",
        "POST, LOAD,     '', 403",
        "POST, STORES,   1, 405",
        "POST, KEYS,     1, 405",
        "POST, PAGE,     1, 405",
        "POST, CREATE,   1, 0",
        "POST, DELETE, ' 1 ', 0",
        "GET,  STORES,   -, 0",
        "GET,  KEYS,     -, 0",
        "GET,  STATS,    -, 0",
        "GET,  VERSIONS, -, 0",
        "GET,  PAGE,     -, 0",
    })
    void refusesWrongMethodsAndChangesWithoutTheHeader(String method, Endpoint endpoint, String header, int status) {
        Optional<RequestGuard.Refusal> refusal = RequestGuard.check(method, endpoint, header);
        assertEquals(status, refusal.map(RequestGuard.Refusal::status).orElse(0));
    }

    @Test
    void refusalsSayWhy() {
        RequestGuard.Refusal get = RequestGuard.check("GET", Endpoint.DELETE, null).orElseThrow();
        assertEquals("POST", get.allow());
        assertEquals("METHOD_NOT_ALLOWED: delete changes the storage and takes POST only", get.message());
        RequestGuard.Refusal post = RequestGuard.check("POST", Endpoint.VERSIONS, "1").orElseThrow();
        assertEquals("GET", post.allow());
        assertEquals("METHOD_NOT_ALLOWED: versions.json takes GET only", post.message());
        assertEquals("METHOD_NOT_ALLOWED: the page takes GET only",
                RequestGuard.check("POST", Endpoint.PAGE, "1").orElseThrow().message());
        RequestGuard.Refusal forbidden = RequestGuard.check("POST", Endpoint.CREATE, null).orElseThrow();
        assertEquals(null, forbidden.allow());
        assertTrue(forbidden.message().startsWith("FORBIDDEN: create needs the header X-Skeleton-Storage: 1"),
                forbidden.message());
    }

    @ParameterizedTest
    @EnumSource(Endpoint.class)
    void everyEndpointIsFoundAtItsPath(Endpoint endpoint) {
        assertEquals(Optional.of(endpoint), Endpoint.at(endpoint.path()));
        assertEquals(endpoint.name().equals("CREATE") || endpoint.name().equals("DELETE")
                || endpoint.name().equals("SAVE") || endpoint.name().equals("LOAD"), endpoint.changing());
    }

    @Test
    void unknownPathsHaveNoEndpoint() {
        assertEquals(Optional.empty(), Endpoint.at("nothing.json"));
        assertEquals(Optional.empty(), Endpoint.at("/stores.json"));
    }
}
