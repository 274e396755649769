package dev.skeleton.storage.webconsole;

import java.util.Map;

/**
 * A JSON answer of the page's endpoints: an HTTP status and the body.
 *
 * @param status the HTTP status
 * @param json   the body, JSON
 */
record Reply(int status, String json) {

    /** 200. */
    static final int OK = 200;

    /**
     * A successful answer.
     *
     * @param model the body's model (see {@link Json})
     * @return the reply, status 200
     */
    static Reply ok(Map<String, Object> model) {
        return new Reply(OK, Json.write(model));
    }

    /**
     * An error answer, {@code {"error": "CODE: message"}}.
     *
     * @param status the HTTP status
     * @param error  the text, code first
     * @return the reply
     */
    static Reply error(int status, String error) {
        return new Reply(status, Json.write(Map.of("error", error)));
    }
}
