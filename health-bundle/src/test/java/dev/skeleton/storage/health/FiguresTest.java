package dev.skeleton.storage.health;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FiguresTest {

    @ParameterizedTest
    @CsvSource({
        "0, 0 bytes",
        "1023, 1023 bytes",
        "1024, 1 KiB",
        "1536, 1.5 KiB",
        "536870912, 512 MiB",
        "5368709120, 5 GiB",
        "5905580032, 5.5 GiB",
        "9223372036854775807, 8 EiB",
    })
    void bytes(long bytes, String text) {
        assertEquals(text, Figures.bytes(bytes));
    }

    @ParameterizedTest
    @CsvSource({
        "0, 0 ms",
        "999, 999 ms",
        "1000, 1 s",
        "12560, 12.5 s",
        "60000, 1 min",
        "843000, 14 min 3 s",
        "3600000, 1 h",
        "3720000, 1 h 2 min",
        "86400000, 1 d",
        "273600000, 3 d 4 h",
    })
    void durations(long millis, String text) {
        assertEquals(text, Figures.duration(millis));
    }

    @ParameterizedTest
    @CsvSource({
        "0, 0 ms",
        "4, 0 ms",
        "5, 0.01 ms",
        "850, 0.85 ms",
        "12345, 12.35 ms",
        "50000, 50 ms",
    })
    void micros(double micros, String text) {
        assertEquals(text, Figures.micros(micros));
    }
}
