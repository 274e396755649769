package dev.skeleton.storage.checks;

import java.util.Arrays;

/**
 * The numeric part of an OSGi version ({@code major.minor.micro}), compared as OSGi does: missing
 * parts are zero, so {@code 1.4} equals {@code 1.4.0}, and {@code 1.10} is newer than {@code 1.9}.
 */
record OsgiVersion(int major, int minor, int micro) implements Comparable<OsgiVersion> {

    /** Parses {@code 1}, {@code 1.4} or {@code 1.4.0}; a qualifier is not expected in the headers checked. */
    static OsgiVersion parse(String text) {
        int[] parts = Arrays.copyOf(Arrays.stream(text.split("\\.")).mapToInt(Integer::parseInt).toArray(), 3);
        return new OsgiVersion(parts[0], parts[1], parts[2]);
    }

    @Override
    public int compareTo(OsgiVersion other) {
        int byMajor = Integer.compare(major, other.major);
        if (byMajor != 0) {
            return byMajor;
        }
        int byMinor = Integer.compare(minor, other.minor);
        return byMinor != 0 ? byMinor : Integer.compare(micro, other.micro);
    }

    @Override
    public String toString() {
        return major + "." + minor + "." + micro;
    }
}
