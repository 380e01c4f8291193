package org.mosipmigrate.core.run;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.mosipmigrate.core.error.ErrorCode;
import org.mosipmigrate.core.error.MigrateException;

/**
 * One worker's part of a plan split N ways ({@code --shard I/N}). Work items are dealt out by a stable hash
 * of their id (first 8 bytes of SHA-256, unsigned, mod N), so every worker, on any machine and in any run,
 * computes the same disjoint split without talking to the others. {@link #ALL} is the unsharded run.
 */
public record Shard(int index, int count) {
    public static final Shard ALL = new Shard(0, 1);

    public Shard {
        if (count < 1 || index < 0 || index >= count) {
            throw new MigrateException(ErrorCode.USAGE, "--shard " + index + "/" + count + ": the index must be 0.." + (count - 1)
                    + " and the count at least 1", "write --shard I/N with 0 <= I < N, e.g. --shard 0/3");
        }
    }

    /** {@code "I/N"}, e.g. {@code "1/3"}; null or empty means {@link #ALL}. */
    public static Shard parse(String text) {
        if (text == null || text.isBlank()) {
            return ALL;
        }
        String[] p = text.trim().split("/", -1);
        try {
            if (p.length == 2) {
                return new Shard(Integer.parseInt(p[0].trim()), Integer.parseInt(p[1].trim()));
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new MigrateException(ErrorCode.USAGE, "--shard " + text + ": not of the form I/N", "write --shard I/N with 0 <= I < N, e.g. --shard 0/3");
    }

    public boolean isSharded() {
        return count > 1;
    }

    /** The shard that does the once-per-run work (roles, schema, target databases, pre-data). */
    public boolean isFirst() {
        return index == 0;
    }

    /** The shard that owns {@code workItemId} among {@code count}. */
    public static int ownerOf(String workItemId, int count) {
        if (count == 1) {
            return 0;
        }
        byte[] d;
        try {
            d = MessageDigest.getInstance("SHA-256").digest(workItemId.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        long h = 0;
        for (int i = 0; i < 8; i++) {
            h = (h << 8) | (d[i] & 0xff);
        }
        return (int) Long.remainderUnsigned(h, count);
    }

    public boolean owns(String workItemId) {
        return ownerOf(workItemId, count) == index;
    }

    /** {@code "1/3"}: how the operator wrote it. */
    public String label() {
        return index + "/" + count;
    }

    /** {@code "shard-1-of-3"}: for file names. */
    public String tag() {
        return "shard-" + index + "-of-" + count;
    }

    /** This shard's own file beside {@code file}: {@code ledger/backup.jsonl} -> {@code ledger/backup.shard-1-of-3.jsonl}; unchanged when unsharded. */
    public Path fileBeside(Path file) {
        if (!isSharded()) {
            return file;
        }
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String sharded = dot <= 0 ? name + "." + tag() : name.substring(0, dot) + "." + tag() + name.substring(dot);
        return file.resolveSibling(sharded);
    }

    @Override
    public String toString() {
        return label();
    }
}
