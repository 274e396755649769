package dev.skeleton.storage.webconsole;

import dev.skeleton.storage.ErrorCode;

/**
 * The HTTP status of a {@link dev.skeleton.storage.StorageException} that a request of the page
 * ended in; the body says {@code {"error": "CODE: message"}}.
 *
 * <ul>
 *   <li>404 Not Found: what the request names is not there ({@code STORE_NOT_FOUND},
 *       {@code ENGINE_NOT_FOUND}, {@code VERSION_NOT_FOUND}, {@code KEY_NOT_FOUND});</li>
 *   <li>409 Conflict: the request is right but the state of the storage does not allow it now
 *       ({@code STORE_EXISTS}, {@code ENGINE_EXISTS}, {@code ENGINE_UNAVAILABLE},
 *       {@code STORE_CLOSED}, {@code STORE_FULL}, {@code TX_CONFLICT}, {@code TX_NOT_ACTIVE});</li>
 *   <li>400 Bad Request: the request itself is wrong ({@code INVALID_ARGUMENT},
 *       {@code INVALID_CONFIG}, {@code UNSUPPORTED}: the store cannot do what was asked,
 *       {@code TX_READ_ONLY});</li>
 *   <li>500 Internal Server Error: the storage failed ({@code IO}, {@code CORRUPTED}); the request
 *       may work later or after repair, and the message says what failed.</li>
 * </ul>
 * Stateless.
 */
final class ErrorStatus {

    /** 400. */
    static final int BAD_REQUEST = 400;
    /** 404. */
    static final int NOT_FOUND = 404;
    /** 409. */
    static final int CONFLICT = 409;
    /** 500. */
    static final int SERVER_ERROR = 500;

    private ErrorStatus() {
    }

    /**
     * The status of an error code.
     *
     * @param code the code
     * @return 400, 404, 409 or 500
     */
    static int of(ErrorCode code) {
        return switch (code) {
            case STORE_NOT_FOUND, ENGINE_NOT_FOUND, VERSION_NOT_FOUND, KEY_NOT_FOUND -> NOT_FOUND;
            case STORE_EXISTS, ENGINE_EXISTS, ENGINE_UNAVAILABLE, STORE_CLOSED, STORE_FULL, TX_CONFLICT,
                    TX_NOT_ACTIVE -> CONFLICT;
            case INVALID_ARGUMENT, INVALID_CONFIG, UNSUPPORTED, TX_READ_ONLY -> BAD_REQUEST;
            case IO, CORRUPTED -> SERVER_ERROR;
        };
    }
}
