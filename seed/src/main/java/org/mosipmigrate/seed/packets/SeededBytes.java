package org.mosipmigrate.seed.packets;

import java.io.InputStream;
import java.util.SplittableRandom;

/**
 * {@code size} pseudo-random bytes from a seed, produced while read (nothing buffered), starting with a
 * fixed header (e.g. a zip's local-file signature). The same seed gives the same bytes.
 */
final class SeededBytes extends InputStream {
    private final long seed;
    private final byte[] header;
    private SplittableRandom random;
    private long mark;
    private final long size;
    private long position;
    private long word;
    private int wordLeft;

    SeededBytes(long seed, long size, byte[] header) {
        this.seed = seed;
        this.random = new SplittableRandom(seed);
        this.size = size;
        this.header = header;
    }

    @Override
    public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        if (position >= size) {
            return -1;
        }
        int n = (int) Math.min(len, size - position);
        for (int i = 0; i < n; i++) {
            b[off + i] = next();
        }
        return n;
    }

    private byte next() {
        long p = position++;
        if (p < header.length) {
            return header[(int) p];
        }
        if (wordLeft == 0) {
            word = random.nextLong();
            wordLeft = 8;
        }
        byte v = (byte) word;
        word >>>= 8;
        wordLeft--;
        return v;
    }

    /** Supported so that an SDK can resend the body after a failed attempt (it re-generates from the seed). */
    @Override
    public boolean markSupported() {
        return true;
    }

    @Override
    public synchronized void mark(int readLimit) {
        mark = position;
    }

    @Override
    public synchronized void reset() {
        random = new SplittableRandom(seed);
        position = 0;
        wordLeft = 0;
        while (position < mark) {
            next();
        }
    }

    @Override
    public int available() {
        return (int) Math.min(Integer.MAX_VALUE, size - position);
    }
}
