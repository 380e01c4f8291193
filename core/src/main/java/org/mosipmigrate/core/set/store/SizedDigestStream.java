package org.mosipmigrate.core.set.store;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.mosipmigrate.core.error.ErrorCode;
import org.mosipmigrate.core.error.MigrateException;
import org.mosipmigrate.core.set.ChunkFiles;

/**
 * Exactly {@code size} bytes of another stream, hashed with SHA-256 on the way: a source that ends early
 * is an error, never a shorter file. The underlying stream is not closed.
 */
public final class SizedDigestStream extends InputStream {
    private final InputStream in;
    private final long size;
    private final String what;
    private final MessageDigest sha = ChunkFiles.sha256();
    private long read;

    public SizedDigestStream(InputStream in, long size, String what) {
        this.in = in;
        this.size = size;
        this.what = what;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (read >= size) {
            return -1;
        }
        int n = in.read(b, off, (int) Math.min(len, size - read));
        if (n < 0) {
            throw new IOException(what + ": the source ended after " + read + " of " + size + " bytes");
        }
        sha.update(b, off, n);
        read += n;
        return n;
    }

    /** Reads what is left of the {@code size} bytes into {@code buf}; returns how many (less than buf.length only at the end). */
    public int fill(byte[] buf) throws IOException {
        int filled = 0;
        while (filled < buf.length) {
            int n = read(buf, filled, buf.length - filled);
            if (n < 0) {
                break;
            }
            filled += n;
        }
        return filled;
    }

    public long bytesRead() {
        return read;
    }

    /** The SHA-256 of all {@code size} bytes, once they have been read. */
    public String sha256() {
        if (read != size) {
            throw new IllegalStateException(what + ": hash asked for after " + read + " of " + size + " bytes");
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    /** The SHA-256 of all bytes; refused (before the caller commits anything) when it is not {@code expectedSha256}, if given. */
    public String sha256Checked(String store, String expectedSha256) {
        String sha = sha256();
        if (expectedSha256 != null && !expectedSha256.equals(sha)) {
            throw mismatch(store, what, sha, expectedSha256);
        }
        return sha;
    }

    /** The refusal when the content is not what the manifest says; the caller has made sure nothing became visible. */
    public static MigrateException mismatch(String store, String path, String actual, String expected) {
        return new MigrateException(ErrorCode.BACKUP_SET_CORRUPT, store + ": file " + path + " arrived with SHA-256 " + actual
                + " but its manifest says " + expected + "; it was not stored",
                "the source copy of this file is damaged or was modified: copy the backup set from a good copy, or run the backup again");
    }

    @Override
    public void close() {
        // the caller owns the underlying stream
    }
}
