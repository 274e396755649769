package dev.skeleton.storage.multistore;

/**
 * A transfer that is making a store, written down before its first engine call so that a
 * multistore opening the root after a crash knows what to undo or to finish (see {@link Intents}).
 *
 * @param name           the store's name
 * @param kind           what makes it
 * @param fromEngine     the engine the store moves from (a move only; else null)
 * @param fromPersistent whether that engine keeps files (a move only)
 * @param toEngine       the engine the new store is made on
 * @param toPersistent   whether that engine keeps data across closing
 */
record Intent(String name, Kind kind, String fromEngine, boolean fromPersistent, String toEngine,
              boolean toPersistent) {

    /** What makes the store. */
    enum Kind {
        /**
         * An import or copy: a new store at {@code rootPath/<name>}, recorded in the catalog when
         * complete. Not in the catalog after a crash: it is destroyed.
         */
        CREATE,
        /**
         * A move: the new store is made at a staging path, and at the switch the old store's
         * directory is renamed aside, the new one renamed into {@code rootPath/<name>} and the
         * catalog records the new engine, which is the point of no return.
         */
        MOVE
    }

    /**
     * Whether the catalog shows that the transfer reached its point of no return.
     *
     * @param catalogEngine the engine the catalog records for the name, or null if it has none
     */
    boolean committed(String catalogEngine) {
        if (kind == Kind.CREATE) {
            return toPersistent && toEngine.equals(catalogEngine);
        }
        return toPersistent ? toEngine.equals(catalogEngine) : !fromEngine.equals(catalogEngine);
    }
}
