package dev.skeleton.storage.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WebAddressTest {

    @ParameterizedTest
    @CsvSource({
            "127.0.0.1,   http://127.0.0.1:8080/system/console",
            "localhost,   http://localhost:8080/system/console",
            "0.0.0.0,     http://127.0.0.1:8080/system/console",
            "::,          http://[::1]:8080/system/console",
            "[::],        http://[::1]:8080/system/console",
            "::1,         http://[::1]:8080/system/console",
            "[::1],       http://[::1]:8080/system/console",
    })
    void theUrlIsOneABrowserOnThisMachineOpens(String host, String url) {
        assertEquals(url, new WebAddress(host, 8080).url("/system/console"));
    }
}
