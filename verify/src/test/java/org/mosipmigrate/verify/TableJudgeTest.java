package org.mosipmigrate.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.mosipmigrate.core.set.Manifest.FingerprintEntry;
import org.mosipmigrate.verify.Finding.Kind;
import org.mosipmigrate.verify.TableJudge.Judged;
import org.mosipmigrate.verify.TableResult.Status;
import org.mosipmigrate.verify.VerifyPlan.Expectation;

/** The comparison rules, without a server. */
class TableJudgeTest {
    private static final List<String> COLS = List.of("id", "name");
    private static final Set<String> THERE = Set.of("id", "name");

    private static TableJob job(Expectation expected, boolean hashComparable, Set<String> target, boolean sourceCompared, Set<String> source) {
        return new TableJob("db", "s", "t", COLS, expected != null, expected, hashComparable, target, sourceCompared, source, 0);
    }

    private static Measurement m(long rows, String hash) {
        return new Measurement(true, rows, hash, List.of());
    }

    private static List<Kind> kinds(Judged j) {
        return j.findings().stream().map(Finding::kind).toList();
    }

    @Test
    void equalSidesAreOk() {
        Judged j = TableJudge.judge(job(null, false, THERE, true, THERE), m(10, "h"), m(10, "h"));
        assertEquals(Status.OK, j.result().status());
        assertTrue(j.findings().isEmpty());
    }

    @Test
    void rowsAreAlwaysComparedWithTheBackupButItsHashOnlyOverTheSameColumns() {
        Expectation backup = new Expectation(10, new FingerprintEntry(10, "other", List.of("id")));
        Judged notComparable = TableJudge.judge(job(backup, false, THERE, false, null), null, m(10, "h"));
        assertEquals(Status.OK, notComparable.result().status());
        assertNull(notComparable.result().manifestHash());

        Judged fewerRows = TableJudge.judge(job(backup, false, THERE, false, null), null, m(9, "h"));
        assertEquals(List.of(Kind.ROW_COUNT), kinds(fewerRows));

        Expectation sameCols = new Expectation(10, new FingerprintEntry(10, "expected", COLS));
        Judged changed = TableJudge.judge(job(sameCols, true, THERE, false, null), null, m(10, "h"));
        assertEquals(List.of(Kind.CONTENT_HASH), kinds(changed));
        assertEquals("expected", changed.findings().get(0).expected());
        assertEquals(Status.MISMATCH, changed.result().status());
    }

    @Test
    void aTableAbsentOnAComparedSideIsMissing() {
        Judged notOnTarget = TableJudge.judge(job(null, false, null, true, THERE), m(3, "h"), Measurement.absent());
        assertEquals(Status.MISSING, notOnTarget.result().status());
        assertEquals(List.of(Kind.TABLE_MISSING), kinds(notOnTarget));
        assertEquals(3L, notOnTarget.result().sourceRows());
        assertNull(notOnTarget.result().targetRows());

        TableJob notInBackup = new TableJob("db", "s", "t", COLS, true, null, false, THERE, false, null, 0);
        Judged j = TableJudge.judge(notInBackup, null, m(1, "h"));
        assertEquals(Status.MISSING, j.result().status());
        assertTrue(j.findings().get(0).message().contains("manifest"));
    }

    @Test
    void missingColumnsAreNamedAndTheHashIsNotCompared() {
        Measurement partial = new Measurement(true, 10, null, List.of("name"));
        Judged j = TableJudge.judge(job(null, false, Set.of("id"), true, THERE), m(10, "h"), partial);
        assertEquals(List.of(Kind.COLUMN_MISSING), kinds(j));
        assertEquals("db.s.t.name", j.findings().get(0).item());
        assertEquals(Status.MISMATCH, j.result().status());
    }
}
