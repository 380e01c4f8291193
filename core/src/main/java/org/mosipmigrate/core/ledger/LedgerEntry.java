package org.mosipmigrate.core.ledger;

import java.util.Map;

/** One line of a ledger: a step reached a state. {@code detail} holds counts and hashes, never secrets. */
public record LedgerEntry(String ts, String step, State state, Map<String, Object> detail) {
    public enum State { STARTED, DONE, FAILED }

    public LedgerEntry {
        detail = detail == null ? Map.of() : Map.copyOf(detail);
    }
}
