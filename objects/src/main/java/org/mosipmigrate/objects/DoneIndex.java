package org.mosipmigrate.objects;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * What a ledger says is already done, in constant memory per entry: an open-addressing table of
 * 64-bit hashes of (bucket, key) to (size, 64-bit hash of a version tag: ETag or SHA-256). About 50 bytes
 * per object at the worst load, so a million objects fit in a 256 MiB heap. A false "done" needs a hash
 * collision of the name AND equal size AND equal version hash.
 */
public final class DoneIndex {
    private static final long EMPTY = 0L;
    private long[] keys;
    private long[] sizes;
    private long[] tags;
    private int count;

    public DoneIndex() {
        this(1 << 12);
    }

    public DoneIndex(int capacity) {
        int c = Integer.highestOneBit(Math.max(16, capacity - 1)) << 1;
        keys = new long[c];
        sizes = new long[c];
        tags = new long[c];
    }

    public static long hash(String a, String b) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(a.getBytes(StandardCharsets.UTF_8));
            md.update((byte) 0);
            if (b != null) {
                md.update(b.getBytes(StandardCharsets.UTF_8));
            }
            byte[] d = md.digest();
            long h = 0;
            for (int i = 0; i < 8; i++) {
                h = (h << 8) | (d[i] & 0xff);
            }
            return h == EMPTY ? 1 : h;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static long tag(String versionTag) {
        return hash(versionTag == null ? "" : versionTag, null);
    }

    private int slot(long key) {
        int mask = keys.length - 1;
        int i = (int) (key ^ (key >>> 32)) & mask;
        while (keys[i] != EMPTY && keys[i] != key) {
            i = (i + 1) & mask;
        }
        return i;
    }

    public synchronized void put(long key, long size, long tag) {
        if ((count + 1) * 10L > keys.length * 7L) {
            grow();
        }
        int i = slot(key);
        if (keys[i] == EMPTY) {
            count++;
        }
        keys[i] = key;
        sizes[i] = size;
        tags[i] = tag;
    }

    public void put(String bucket, String key, long size, String versionTag) {
        put(hash(bucket, key), size, tag(versionTag));
    }

    /** True when (bucket, key) is recorded with this size and version tag. */
    public synchronized boolean matches(long key, long size, long tag) {
        int i = slot(key);
        return keys[i] == key && sizes[i] == size && tags[i] == tag;
    }

    /** The tag recorded for a key, or {@code absent}. */
    public synchronized long tagOf(long key, long absent) {
        int i = slot(key);
        return keys[i] == key ? tags[i] : absent;
    }

    public synchronized int size() {
        return count;
    }

    private void grow() {
        long[] ok = keys;
        long[] os = sizes;
        long[] ot = tags;
        keys = new long[ok.length * 2];
        sizes = new long[ok.length * 2];
        tags = new long[ok.length * 2];
        for (int j = 0; j < ok.length; j++) {
            if (ok[j] != EMPTY) {
                int i = slot(ok[j]);
                keys[i] = ok[j];
                sizes[i] = os[j];
                tags[i] = ot[j];
            }
        }
    }
}
