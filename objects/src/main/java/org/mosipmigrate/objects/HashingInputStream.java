package org.mosipmigrate.objects;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Counts and SHA-256-hashes what passes through, in the same pass as the copy. Does not close the source on close. */
public final class HashingInputStream extends FilterInputStream {
    private final MessageDigest md;
    private long count;

    public HashingInputStream(InputStream in) {
        super(in);
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b >= 0) {
            md.update((byte) b);
            count++;
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, len);
        if (n > 0) {
            md.update(b, off, n);
            count += n;
        }
        return n;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    @Override
    public void close() {
        // the caller owns the underlying stream
    }

    public long count() {
        return count;
    }

    public String sha256() {
        return HexFormat.of().formatHex(md.digest());
    }

    /** Reads what is left, hashing it. */
    public static String sha256Of(InputStream in, long[] countOut) throws IOException {
        HashingInputStream h = new HashingInputStream(in);
        byte[] buf = new byte[1 << 16];
        while (h.read(buf) >= 0) {
            // hashing happens in read
        }
        if (countOut != null) {
            countOut[0] = h.count();
        }
        return h.sha256();
    }
}
