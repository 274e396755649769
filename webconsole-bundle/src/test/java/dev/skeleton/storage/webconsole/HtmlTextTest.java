package dev.skeleton.storage.webconsole;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HtmlTextTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "<script>alert(1)</script> | &lt;script&gt;alert(1)&lt;/script&gt;",
        "a & b                     | a &amp; b",
        "`\"q\" 'a'`               | &quot;q&quot; &#39;a&#39;",
        "${logout}                 | &#36;{logout}",
        "/system/console/storage   | /system/console/storage",
        "héllo                     | héllo",
        "``                        | ``",
    })
    void escapesMarkupQuotesAndTheConsolesVariables(String text, String expected) {
        assertEquals(expected, HtmlText.escape(text));
    }

    @org.junit.jupiter.api.Test
    void nullIsEmpty() {
        assertEquals("", HtmlText.escape(null));
    }
}
