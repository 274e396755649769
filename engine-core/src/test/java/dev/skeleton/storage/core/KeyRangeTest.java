package dev.skeleton.storage.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class KeyRangeTest {

    @Test
    void emptyBoundsAreUnboundedAndBoundsAreCopied() {
        byte[] start = {1};
        KeyRange range = KeyRange.of(start, new byte[0]);
        start[0] = 9;
        assertArrayEquals(new byte[] {1}, range.start());
        assertNull(range.end());
        assertNull(KeyRange.of(null, null).start());
    }

    @Test
    void containsIsHalfOpenInUnsignedOrder() {
        KeyRange range = KeyRange.of(new byte[] {0x7f}, new byte[] {(byte) 0x90});
        assertTrue(range.contains(new byte[] {0x7f}));
        assertTrue(range.contains(new byte[] {(byte) 0x80}));
        assertFalse(range.contains(new byte[] {(byte) 0x90}));
        assertFalse(range.contains(new byte[] {0x10}));
        assertTrue(KeyRange.of(null, null).contains(new byte[0]));
    }

    @Test
    void successorIsTheNextKey() {
        assertArrayEquals(new byte[] {3, 0}, KeyRange.successor(new byte[] {3}));
        KeyRange upToThree = new KeyRange(null, KeyRange.successor(new byte[] {3}));
        assertTrue(upToThree.contains(new byte[] {3}));
        assertFalse(upToThree.contains(new byte[] {3, 0}));
    }

    @Test
    void valueSemantics() {
        assertEquals(KeyRange.of(new byte[] {1}, null), KeyRange.of(new byte[] {1}, new byte[0]));
        assertEquals(KeyRange.of(new byte[] {1}, null).hashCode(), KeyRange.of(new byte[] {1}, null).hashCode());
        assertNotEquals(KeyRange.of(new byte[] {1}, null), KeyRange.of(null, null));
        assertNotEquals(KeyRange.of(null, null), "x");
        assertEquals("[-inf, +inf)", KeyRange.of(null, null).toString());
        assertEquals(new ByteKey(new byte[] {1}), new ByteKey(new byte[] {1}));
        assertNotEquals(new ByteKey(new byte[] {1}), "x");
        assertEquals(Keys.describe(new byte[] {1}), new ByteKey(new byte[] {1}).toString());
    }
}
