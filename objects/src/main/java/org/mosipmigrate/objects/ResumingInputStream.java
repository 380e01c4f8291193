package org.mosipmigrate.objects;

import org.mosipmigrate.core.run.Retry;
import java.io.IOException;
import java.io.InputStream;

/**
 * An object of known size read to its end: when the connection is cut (an I/O error, or the stream ends
 * early), the read continues from the current byte with a ranged GET, a bounded number of times with
 * backoff. Callers hash what they read, so a resumed read is still checked as a whole.
 */
public final class ResumingInputStream extends InputStream {
    /** Resumed reads allowed per object; read per stream, so tests may lower it (mosip-migrate.objects.resumes). */
    private final int maxResumes = Integer.getInteger("mosip-migrate.objects.resumes", 8);

    private final ObjectStore store;
    private final String bucket;
    private final String key;
    private final long size;
    private InputStream current;
    private long position;
    private int resumes;

    public ResumingInputStream(ObjectStore store, String bucket, String key, long size) {
        this.store = store;
        this.bucket = bucket;
        this.key = key;
        this.size = size;
    }

    /** How often the read was continued after a cut. */
    public int resumes() {
        return resumes;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (true) {
            if (position >= size) {
                return -1;
            }
            try {
                if (current == null) {
                    long from = position;
                    current = Retry.call(store.describe() + ": GET " + bucket + "/" + key, () -> from == 0 ? store.get(bucket, key) : store.get(bucket, key, from));
                }
                int n = current.read(b, off, (int) Math.min(len, size - position));
                if (n > 0) {
                    position += n;
                    return n;
                }
                if (n < 0) {
                    throw new IOException("the stream ended at byte " + position + " of " + size);
                }
            } catch (IOException | java.io.UncheckedIOException | ObjectStoreException e) {
                if (e instanceof ObjectStoreException ose && !ose.retryable()) {
                    throw ose;
                }
                resume(e);
            }
        }
    }

    private void resume(Exception cause) throws IOException {
        closeCurrent();
        if (++resumes > maxResumes) {
            throw new IOException(store.describe() + ": reading " + bucket + "/" + key + " failed at byte " + position + " of " + size
                    + " after " + maxResumes + " resumed reads: " + cause.getMessage(), cause);
        }
        Retry.pause(Retry.backoffMillis(resumes));
    }

    private void closeCurrent() {
        if (current != null) {
            try {
                current.close();
            } catch (IOException | RuntimeException ignored) {
                // the connection is broken already
            }
            current = null;
        }
    }

    @Override
    public void close() {
        closeCurrent();
    }
}
