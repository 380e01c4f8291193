package org.mosipmigrate.core.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.mosipmigrate.core.error.ErrorCode;
import org.mosipmigrate.core.error.MigrateException;

class ShardTest {
    @Test
    void parsesAndRefusesBadShards() {
        assertEquals(new Shard(1, 3), Shard.parse("1/3"));
        assertEquals(Shard.ALL, Shard.parse(null));
        for (String bad : new String[] {"3/3", "-1/3", "1/0", "1", "a/b", "1/2/3"}) {
            MigrateException e = assertThrows(MigrateException.class, () -> Shard.parse(bad), bad);
            assertEquals(ErrorCode.USAGE, e.code());
            assertTrue(e.getMessage().contains(bad), e.getMessage());
        }
    }

    @Test
    void everyItemHasExactlyOneOwnerAndTheSplitIsStableAndRoughlyEven() {
        int n = 3;
        int[] counts = new int[n];
        for (int i = 0; i < 3000; i++) {
            String id = "db/mosip_regprc/table/\"regprc\".\"registration\"/chunk/" + String.format("%04d", i);
            int owners = 0;
            for (int s = 0; s < n; s++) {
                if (new Shard(s, n).owns(id)) {
                    owners++;
                    counts[s]++;
                }
            }
            assertEquals(1, owners, id);
        }
        IntStream.of(counts).forEach(c -> assertTrue(c > 800 && c < 1200, "uneven split " + java.util.Arrays.toString(counts)));
        // the split is part of the on-disk contract (a resumed shard must own what it owned before): values computed
        // independently (Python: int.from_bytes(sha256(id)[:8], 'big') % n)
        assertEquals(6, Shard.ownerOf("db/a/table/\"public\".\"t\"/chunk/0000", 7));
        assertEquals(1, Shard.ownerOf("db/a/table/\"public\".\"t\"/chunk/0000", 3));
        assertTrue(Shard.ALL.owns("anything"));
        assertFalse(Shard.ALL.isSharded());
    }

    @Test
    void namesItsOwnFileBesideTheMainOne() {
        assertEquals(Path.of("set/ledger/backup.shard-1-of-3.jsonl"), new Shard(1, 3).fileBeside(Path.of("set/ledger/backup.jsonl")));
        assertEquals(Path.of("set/ledger/backup.jsonl"), Shard.ALL.fileBeside(Path.of("set/ledger/backup.jsonl")));
        assertEquals("shard-0-of-2", new Shard(0, 2).tag());
    }
}
