package dev.skeleton.storage.health;

import java.util.ArrayList;
import java.util.List;
import org.apache.felix.hc.api.Result;
import org.apache.felix.hc.api.ResultLog;

/** What a result says, for assertions: its entries as "STATUS message" lines (DEBUG for debug entries). */
final class Results {

    private Results() {
    }

    /** Each entry of the result as "STATUS message". */
    static List<String> lines(Result result) {
        List<String> lines = new ArrayList<>();
        for (ResultLog.Entry entry : result) {
            lines.add((entry.isDebug() ? "DEBUG" : entry.getStatus().toString()) + " " + entry.getMessage());
        }
        return lines;
    }

    /** The entries as one text, for messages and contains checks. */
    static String text(Result result) {
        return String.join("\n", lines(result));
    }
}
