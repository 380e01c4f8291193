package org.mosipmigrate.core.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mosipmigrate.core.error.MigrateException;

class LedgerTest {
    @TempDir
    Path tmp;

    @Test
    void tornLastLineIsIgnoredAndTheNextEntryStartsOnItsOwnLine() throws Exception {
        Path f = tmp.resolve("l.jsonl");
        try (Ledger l = Ledger.open(f)) {
            l.done("a", Map.of("rows", 3));
        }
        Files.writeString(f, "{\"ts\":\"x\",\"step\":\"b\",\"sta", StandardOpenOption.APPEND);
        try (Ledger l = Ledger.open(f)) {
            assertTrue(l.isDone("a"));
            assertFalse(l.isDone("b"));
            l.done("c", Map.of());
        }
        try (Ledger l = Ledger.open(f)) {
            assertTrue(l.isDone("c"));
            assertEquals(3, ((Number) l.lastEntry("a").detail().get("rows")).intValue());
        }
        assertEquals(3, Files.readAllLines(f, StandardCharsets.UTF_8).size());
    }

    @Test
    void laterStateWins() throws Exception {
        Path f = tmp.resolve("l.jsonl");
        try (Ledger l = Ledger.open(f)) {
            l.done("a", Map.of());
            l.failed("a", "boom");
        }
        try (Ledger l = Ledger.open(f)) {
            assertFalse(l.isDone("a"));
            assertEquals(LedgerEntry.State.FAILED, l.lastEntry("a").state());
        }
    }

    @Test
    void secondWriterIsRefused() {
        Path f = tmp.resolve("l.jsonl");
        try (Ledger first = Ledger.open(f)) {
            MigrateException e = assertThrows(MigrateException.class, () -> Ledger.open(f));
            assertTrue(e.getMessage().contains("in use by another mosip-migrate run"), e.getMessage());
        }
        try (Ledger again = Ledger.open(f)) {
            again.started("x");
        }
    }
}
