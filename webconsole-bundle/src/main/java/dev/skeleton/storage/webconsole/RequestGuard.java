package dev.skeleton.storage.webconsole;

import java.util.Optional;

/**
 * Decides whether a request may reach its endpoint: the page's protection against cross-site
 * requests, on top of the Web Console's own authentication.
 *
 * <h2>The rule</h2>
 * <ul>
 *   <li>An endpoint that changes the storage is reached by POST only; a GET is refused with 405
 *       (a link, an image or a prefetch must never delete a store).</li>
 *   <li>Such a POST must carry the header {@value #HEADER}{@code : }{@value #HEADER_VALUE}, which
 *       the page's script sets; without it the request is refused with 403. A cross-site form
 *       cannot set a header, and a cross-site script that tries must first pass a CORS preflight
 *       that this servlet never grants, so the browser's stored console credentials cannot be
 *       used from another site to change anything.</li>
 *   <li>An endpoint that only reads is reached by GET only; a POST is refused with 405.</li>
 * </ul>
 * A refused request changes nothing. Stateless.
 */
final class RequestGuard {

    /** The header every changing request must carry. */
    static final String HEADER = "X-Skeleton-Storage";
    /** Its value. */
    static final String HEADER_VALUE = "1";

    /** 403. */
    static final int FORBIDDEN = 403;
    /** 405. */
    static final int METHOD_NOT_ALLOWED = 405;

    /**
     * Why a request is refused.
     *
     * @param status  403 or 405
     * @param allow   the method the endpoint takes (for the {@code Allow} header of a 405), or null
     * @param message what the page shows
     */
    record Refusal(int status, String allow, String message) {
    }

    private RequestGuard() {
    }

    /**
     * Checks a request.
     *
     * @param method      the HTTP method, {@code GET} or {@code POST}
     * @param endpoint    what it asks for
     * @param headerValue the value of {@value #HEADER}, or null if absent
     * @return why it is refused, or empty if it may pass
     */
    static Optional<Refusal> check(String method, Endpoint endpoint, String headerValue) {
        boolean post = "POST".equals(method);
        if (endpoint.changing() && !post) {
            return Optional.of(new Refusal(METHOD_NOT_ALLOWED, "POST", "METHOD_NOT_ALLOWED: "
                    + endpoint.path() + " changes the storage and takes POST only"));
        }
        if (!endpoint.changing() && post) {
            return Optional.of(new Refusal(METHOD_NOT_ALLOWED, "GET", "METHOD_NOT_ALLOWED: "
                    + (endpoint == Endpoint.PAGE ? "the page" : endpoint.path()) + " takes GET only"));
        }
        if (post && (headerValue == null || !HEADER_VALUE.equals(headerValue.trim()))) {
            return Optional.of(new Refusal(FORBIDDEN, null, "FORBIDDEN: " + endpoint.path()
                    + " needs the header " + HEADER + ": " + HEADER_VALUE
                    + " (sent by the Storage page's script; cross-site requests cannot send it)"));
        }
        return Optional.empty();
    }
}
