package dev.skeleton.storage.webconsole;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class JsonTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "plain          | abc                        | `\"abc\"`",
        "empty          | ``                         | `\"\"`",
        "quote          | a\"b                       | `\"a\\\"b\"`",
        "backslash      | a\\b                       | `\"a\\\\b\"`",
        "markup         | <script>alert(1)</script>  | `\"\\u003cscript\\u003ealert(1)\\u003c/script\\u003e\"`",
        "ampersand      | a&b                        | `\"a\\u0026b\"`",
        "non-ASCII      | héllo ключ 中              | `\"héllo ключ 中\"`",
        "slash kept     | a/b                        | `\"a/b\"`",
        "dollar brace   | ${x}                       | `\"${x}\"`",
    })
    void quotesPrintableText(String name, String text, String expected) {
        assertEquals(expected, Json.quote(text));
        assertEquals(text, MiniJson.parse(Json.quote(text)));
    }

    @Test
    void escapesEveryControlCharacter() {
        assertEquals("\"\\b\\f\\n\\r\\t\"", Json.quote("\b\f\n\r\t"));
        assertEquals("\"\\u0000\\u0001\\u001f\\u007f\"", Json.quote("\u0000\u0001\u001f\u007f"));
        StringBuilder all = new StringBuilder();
        for (char c = 0; c < 0x20; c++) {
            all.append(c);
        }
        String json = Json.quote(all);
        for (int i = 0; i < json.length(); i++) {
            assertFalse(json.charAt(i) < 0x20, "raw control character at " + i + " of " + json);
        }
        assertEquals(all.toString(), MiniJson.parse(json));
    }

    @Test
    void escapesJavaScriptLineEndsAndLoneSurrogatesButKeepsPairs() {
        assertEquals("\"\\u2028\\u2029\"", Json.quote("\u2028\u2029"));
        String emoji = "\uD83D\uDE00";
        assertEquals("\"" + emoji + "\"", Json.quote(emoji));
        assertEquals("\"\\ud83d\"", Json.quote("\uD83D"));
        assertEquals("\"\\ude00x\"", Json.quote("\uDE00x"));
        assertEquals("\"a\\ud83d\"", Json.quote("a\uD83D"));
        assertEquals("\uD83Dx", MiniJson.parse(Json.quote("\uD83Dx")));
    }

    @Test
    void writesNestedValuesInOrder() {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("z", 1);
        inner.put("a", List.of(true, false));
        Map<String, Object> outer = new LinkedHashMap<>();
        outer.put("b", inner);
        outer.put("n", null);
        outer.put("s", "x\"y");
        outer.put("empty", Map.of());
        outer.put("none", List.of());
        outer.put("list", Arrays.asList(1L, null, "t"));
        String json = Json.write(outer);
        assertEquals("{\"b\":{\"z\":1,\"a\":[true,false]},\"n\":null,\"s\":\"x\\\"y\",\"empty\":{},\"none\":[],"
                + "\"list\":[1,null,\"t\"]}", json);
        assertEquals(outer.toString(), MiniJson.parse(json).toString());
    }

    @Test
    void writesNumbers() {
        List<Object> numbers = new ArrayList<>(List.of((byte) 1, (short) -2, 3, Long.MAX_VALUE, 1.5, 2.5f,
                new BigInteger("123456789012345678901234567890"), new BigDecimal("1.25"), new AtomicLong(7)));
        numbers.add(Double.NaN);
        numbers.add(Double.POSITIVE_INFINITY);
        numbers.add(Float.NEGATIVE_INFINITY);
        numbers.add(1e300);
        assertEquals("[1,-2,3,9223372036854775807,1.5,2.5,123456789012345678901234567890,1.25,7,null,null,null,1.0E300]",
                Json.write(numbers));
        MiniJson.parse(Json.write(numbers));
    }

    @Test
    void mapKeysAreStrings() {
        Map<Object, Object> map = new LinkedHashMap<>();
        map.put(1, "one");
        map.put("<k>", 2);
        assertEquals("{\"1\":\"one\",\"\\u003ck\\u003e\":2}", Json.write(map));
    }

    @Test
    void nullIsNull() {
        assertEquals("null", Json.write(null));
        assertEquals("null", Json.quote(null));
    }

    @ParameterizedTest
    @ValueSource(classes = {Object.class, StringBuilder.class})
    void charSequencesAreStringsAndOtherTypesAreRefused(Class<?> type) throws Exception {
        Object value = type.getDeclaredConstructor().newInstance();
        if (value instanceof CharSequence) {
            assertEquals("\"\"", Json.write(value));
        } else {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Json.write(List.of(value)));
            assertEquals("no JSON form for java.lang.Object", e.getMessage());
        }
    }
}
