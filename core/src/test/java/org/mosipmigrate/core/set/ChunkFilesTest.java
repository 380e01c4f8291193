package org.mosipmigrate.core.set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mosipmigrate.core.error.MigrateException;

class ChunkFilesTest {
    @TempDir
    Path tmp;

    private static byte[] data() {
        byte[] b = new byte[300_000];
        new Random(1).nextBytes(b);
        for (int i = 0; i < b.length; i += 3) {
            b[i] = 'a'; // compressible
        }
        return b;
    }

    @Test
    void roundTripsAndRecordsSizesAndHash() throws Exception {
        Path f = tmp.resolve("d/0001.copy.zst");
        byte[] raw = data();
        var r = ChunkFiles.write(f, 3, out -> {
            out.write(raw);
            return 42L;
        });
        assertEquals(42L, r.value());
        assertEquals(raw.length, r.file().rawBytes());
        assertEquals(Files.size(f), r.file().bytes());
        assertFalse(Files.exists(tmp.resolve("d/0001.copy.zst.partial")));
        try (InputStream in = ChunkFiles.open(f, r.file().bytes(), r.file().sha256())) {
            assertArrayEquals(raw, in.readAllBytes());
        }
        ChunkFiles.check(f, r.file().bytes(), r.file().sha256());
    }

    @Test
    void failedWriteLeavesNoFile() {
        Path f = tmp.resolve("x.zst");
        assertThrows(IOException.class, () -> ChunkFiles.write(f, 3, out -> {
            out.write(new byte[1000]);
            throw new IOException("No space left on device");
        }));
        assertFalse(Files.exists(f));
        assertFalse(Files.exists(tmp.resolve("x.zst.partial")));
    }

    @Test
    void flippedByteIsDetectedBeforeEndOfStream() throws Exception {
        Path f = tmp.resolve("c.zst");
        var r = ChunkFiles.write(f, 3, out -> {
            out.write(data());
            return 0L;
        });
        byte[] bytes = Files.readAllBytes(f);
        bytes[bytes.length - 5] ^= 1;
        Files.write(f, bytes);
        IOException e = assertThrows(IOException.class, () -> {
            try (InputStream in = ChunkFiles.open(f, r.file().bytes(), r.file().sha256())) {
                in.readAllBytes();
            }
        });
        assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
        assertThrows(MigrateException.class, () -> ChunkFiles.check(f, r.file().bytes(), r.file().sha256()));
    }

    @Test
    void pathsCannotEscapeTheSet() {
        assertThrows(MigrateException.class, () -> SafePaths.resolveIn(tmp, "../etc/passwd"));
        assertThrows(MigrateException.class, () -> SafePaths.resolveIn(tmp, "/etc/passwd"));
        assertEquals(tmp.resolve("db/x"), SafePaths.resolveIn(tmp, "db/x"));
        assertEquals("Mixed_Schema.Order_", SafePaths.sanitize("Mixed Schema.Order\""));
    }
}
