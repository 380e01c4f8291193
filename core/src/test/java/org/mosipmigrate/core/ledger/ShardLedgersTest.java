package org.mosipmigrate.core.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mosipmigrate.core.error.MigrateException;
import org.mosipmigrate.core.run.Shard;

class ShardLedgersTest {
    static final String RUN = "run-a";
    static final ShardLedgers.Ownership OWNER = (step, n) -> step.startsWith("once/") ? 0 : Shard.ownerOf(step, n);

    @TempDir
    Path tmp;

    List<String> steps() {
        List<String> s = new ArrayList<>(List.of("once/roles"));
        for (int i = 0; i < 40; i++) {
            s.add("db/x/chunk/" + i);
        }
        return s;
    }

    Path main() {
        return tmp.resolve("ledger/backup.jsonl");
    }

    /** Writes shard {@code i}'s ledger as a sharded worker would. */
    void work(Shard shard, String run, boolean finish) {
        try (Ledger l = Ledger.open(shard.fileBeside(main()))) {
            ShardLedgers.begin(l, shard, run);
            for (String s : steps()) {
                if (OWNER.ownerOf(s, shard.count()) == shard.index()) {
                    l.done(s, Map.of("sha256", "h-" + s));
                }
            }
            if (finish) {
                ShardLedgers.finish(l, shard, run, 0);
            }
        }
    }

    @Test
    void mergesACompleteSetIntoTheMainLedgerAndMovesTheShardLedgersAway() throws Exception {
        for (int i = 0; i < 3; i++) {
            work(new Shard(i, 3), RUN, true);
        }
        ShardLedgers.Merged m = ShardLedgers.merge(main(), RUN, "backup", steps(), OWNER);
        assertEquals(3, m.shards());
        Map<String, LedgerEntry> merged = Ledger.readLast(main());
        for (String s : steps()) {
            assertEquals("h-" + s, merged.get(s).detail().get("sha256"), s);
        }
        assertTrue(ShardLedgers.find(main()).isEmpty());
        assertTrue(Files.exists(m.archive().resolve("backup.shard-2-of-3.jsonl")));
        assertTrue(ShardLedgers.mergedRun(main(), RUN));
        assertTrue(ShardLedgers.merge(main(), RUN, "backup", steps(), OWNER).alreadyMerged());
        ShardLedgers.requireNoneWaiting(main(), "backup");
    }

    @Test
    void refusesAMissingShardAnUnfinishedOneAndOneOfAnotherRun() throws Exception {
        work(new Shard(0, 3), RUN, true);
        work(new Shard(2, 3), RUN, true);
        MigrateException missing = assertThrows(MigrateException.class, () -> ShardLedgers.merge(main(), RUN, "backup", steps(), OWNER));
        assertTrue(missing.getMessage().contains("1/3") && missing.getMessage().contains("never ran"), missing.getMessage());
        assertThrows(MigrateException.class, () -> ShardLedgers.requireNoneWaiting(main(), "backup"));

        work(new Shard(1, 3), RUN, false);
        MigrateException unfinished = assertThrows(MigrateException.class, () -> ShardLedgers.merge(main(), RUN, "backup", steps(), OWNER));
        assertTrue(unfinished.getMessage().contains("shard 1/3") && unfinished.getMessage().contains("not finished"), unfinished.getMessage());

        Files.delete(new Shard(1, 3).fileBeside(main()));
        work(new Shard(1, 3), "run-b", true);
        MigrateException foreign = assertThrows(MigrateException.class, () -> ShardLedgers.merge(main(), RUN, "backup", steps(), OWNER));
        assertTrue(foreign.getMessage().contains("run-b"), foreign.getMessage());
        assertFalse(Files.exists(main()) && Files.size(main()) > 0, "a refused merge writes nothing");
        // and a shard refuses to continue a ledger of another run
        try (Ledger l = Ledger.open(new Shard(1, 3).fileBeside(main()))) {
            assertThrows(MigrateException.class, () -> ShardLedgers.begin(l, new Shard(1, 3), RUN));
        }
    }

    @Test
    void refusesAStepDoneTwiceOrByTheWrongShardOrMissingOrForeign() throws Exception {
        for (int i = 0; i < 2; i++) {
            work(new Shard(i, 2), RUN, true);
        }
        String theirs = steps().stream().filter(s -> OWNER.ownerOf(s, 2) == 1).findFirst().orElseThrow();
        try (Ledger l = Ledger.open(new Shard(0, 2).fileBeside(main()))) {
            l.done(theirs, Map.of("sha256", "other"));
        }
        MigrateException twice = assertThrows(MigrateException.class, () -> ShardLedgers.merge(main(), RUN, "backup", steps(), OWNER));
        assertTrue(twice.getMessage().contains(theirs) && twice.getMessage().contains("different results"), twice.getMessage());

        try (Ledger l = Ledger.open(new Shard(0, 2).fileBeside(main()))) {
            l.failed(theirs, "not mine");
        }
        List<String> more = new ArrayList<>(steps());
        more.add("db/x/chunk/999");
        MigrateException missing = assertThrows(MigrateException.class, () -> ShardLedgers.merge(main(), RUN, "backup", more, OWNER));
        assertTrue(missing.getMessage().contains("db/x/chunk/999 (shard " + OWNER.ownerOf("db/x/chunk/999", 2) + "/2)"), missing.getMessage());

        MigrateException foreign = assertThrows(MigrateException.class,
                () -> ShardLedgers.merge(main(), RUN, "backup", steps().subList(0, 10), OWNER));
        assertTrue(foreign.getMessage().contains("not part of run"), foreign.getMessage());

        ShardLedgers.Ownership swapped = (step, n) -> 1 - OWNER.ownerOf(step, n);
        MigrateException wrong = assertThrows(MigrateException.class, () -> ShardLedgers.merge(main(), RUN, "backup", steps(), swapped));
        assertTrue(wrong.getMessage().contains("belongs to shard"), wrong.getMessage());
        assertEquals(ShardLedgers.merge(main(), RUN, "backup", steps(), OWNER).entries(), steps().size());
    }

    @Test
    void refusesShardLedgersOfTwoCounts() {
        work(new Shard(0, 2), RUN, true);
        work(new Shard(1, 2), RUN, true);
        work(new Shard(0, 3), RUN, true);
        MigrateException e = assertThrows(MigrateException.class, () -> ShardLedgers.merge(main(), RUN, "backup", steps(), OWNER));
        assertTrue(e.getMessage().contains("[2, 3]"), e.getMessage());
    }
}
