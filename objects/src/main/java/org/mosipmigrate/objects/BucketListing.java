package org.mosipmigrate.objects;

import org.mosipmigrate.core.run.Retry;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.mosipmigrate.core.config.ObjectStoreEndpoint;
import org.mosipmigrate.core.config.ObjectStoreEndpoint.Listing;
import org.mosipmigrate.core.error.ErrorCode;
import org.mosipmigrate.core.error.MigrateException;
import org.mosipmigrate.core.set.PrivateFiles;

/**
 * Hands every object of one bucket to a consumer exactly once, whatever order the server lists keys in and however
 * often a listing has to be taken again (a 503 or a reset mid-listing lists the bucket again from the start).
 * <ul>
 * <li>{@code ordered}: the server's order, which must be S3's (UTF-8 bytes); a listing taken again goes on after the
 * last key handed out. A key out of order stops the run naming the setting to change.</li>
 * <li>{@code auto}: the same while the order holds, with every handed key also appended to a file (they ascend, so the
 * file is sorted). From the first key out of order on, or when a listing taken again does not repeat the handed keys
 * in order, the bucket is listed again whole into a {@link SortedRun} and every key not in the file is handed out in
 * UTF-8 order.</li>
 * <li>{@code sorted}: every bucket through the sorted run at once.</li>
 * </ul>
 * Memory stays bounded; the temporary files (under java.io.tmpdir, about 30 bytes plus the key per object) are removed
 * when the bucket is done.
 */
final class BucketListing {
    private final ObjectStore store;
    private final String bucket;
    private final Listing mode;
    private final BooleanSupplier stopped;
    private boolean sorted;

    BucketListing(ObjectStore store, String bucket, Listing mode, BooleanSupplier stopped) {
        this.store = store;
        this.bucket = bucket;
        this.mode = mode;
        this.stopped = stopped;
    }

    /** True when the bucket was walked through the sorted run on disk. */
    boolean sorted() {
        return sorted;
    }

    /** The server listed {@code key} after {@code last}: not S3's order. */
    private static final class OutOfOrder extends RuntimeException {
        final String key;
        final String last;

        OutOfOrder(String key, String last) {
            super(key + " after " + last, null, false, false);
            this.key = key;
            this.last = last;
        }
    }

    void walk(Consumer<ObjectInfo> handOut) {
        if (mode == Listing.SORTED) {
            withTempDir(dir -> walkSorted(dir, null, handOut));
            return;
        }
        withTempDir(dir -> {
            Path handedFile = dir.resolve("handed");
            try (Handed handed = new Handed(handedFile, mode == Listing.AUTO)) {
                try {
                    walkInServerOrder(handed, handOut);
                } catch (OutOfOrder o) {
                    if (mode == Listing.ORDERED) {
                        throw new MigrateException(ErrorCode.RUNTIME, store.describe() + ": bucket " + bucket + " is not listed in S3's UTF-8 key order ("
                                + o.key + " after " + o.last + "), which the listing mode 'ordered' needs", "set " + section() + ".listing: auto (or sorted), "
                                + "which walks such a bucket through a sorted run on disk; nothing was skipped or handled twice so far", null);
                    }
                    handed.close();
                    walkSorted(dir, handedFile, handOut);
                }
            }
        });
    }

    private String section() {
        String d = store.describe();
        return d.startsWith("target") ? "target.objectStore" : d.startsWith("backup store") ? ObjectStoreEndpoint.BACKUP_STORE : "source.objectStore";
    }

    /**
     * The server's order while it ascends. A listing taken again skips the keys already handed out, checking each of
     * them against the handed file (auto) so that a key the first pass never reached is not skipped.
     */
    private void walkInServerOrder(Handed handed, Consumer<ObjectInfo> handOut) {
        String[] last = {null};
        Retry.run(store.describe() + ": listing of " + bucket, () -> {
            boolean resumed = last[0] != null;
            try (Handed.Reader again = resumed ? handed.reader() : null) {
                for (ObjectInfo o : store.listObjects(bucket, "")) {
                    if (stopped.getAsBoolean()) {
                        return;
                    }
                    if (last[0] != null && SortedRun.UTF8_ORDER.compare(utf8(o.key()), utf8(last[0])) <= 0) {
                        if (resumed && (again == null || again.contains(o.key()))) {
                            continue;
                        }
                        throw new OutOfOrder(o.key(), last[0]);
                    }
                    resumed = false;
                    last[0] = o.key();
                    handed.append(o.key());
                    handOut.accept(o);
                }
            }
        });
    }

    /** The whole bucket into a sorted run (listed again from the start after a failure), then every key not handed yet. */
    private void walkSorted(Path dir, Path handedFile, Consumer<ObjectInfo> handOut) {
        sorted = true;
        Path runs = dir.resolve("runs");
        SortedRun[] run = {null};
        Retry.run(store.describe() + ": sorted listing of " + bucket, () -> {
            deleteQuietly(runs);
            createDirectory(runs);
            run[0] = new SortedRun(runs);
            for (ObjectInfo o : store.listObjects(bucket, "")) {
                if (stopped.getAsBoolean()) {
                    return;
                }
                run[0].add(o);
            }
        });
        if (stopped.getAsBoolean()) {
            return;
        }
        try (SortedRun.Reader all = run[0].finish(); Handed.Reader handed = handedFile == null ? null : new Handed.Reader(handedFile)) {
            for (SortedRun.Entry e; (e = all.next()) != null && !stopped.getAsBoolean(); ) {
                ObjectInfo o = e.info();
                if (handed == null || !handed.contains(o.key())) {
                    handOut.accept(o);
                }
            }
        } catch (IOException e) {
            throw spillFailed(e);
        }
    }

    private interface InDir {
        void run(Path dir);
    }

    private void withTempDir(InDir body) {
        Path dir;
        try {
            dir = Files.createTempDirectory("mosip-migrate-listing");
        } catch (IOException e) {
            throw spillFailed(e);
        }
        try {
            body.run(dir);
        } catch (UncheckedIOException e) {
            throw spillFailed(e.getCause());
        } finally {
            deleteQuietly(dir);
        }
    }

    private MigrateException spillFailed(IOException e) {
        return new MigrateException(ErrorCode.RUNTIME, store.describe() + ": bucket " + bucket + ": cannot keep its listing on disk under "
                + System.getProperty("java.io.tmpdir") + " (" + e.getMessage() + ")", "free space there or point java.io.tmpdir elsewhere "
                + "(JAVA_TOOL_OPTIONS=-Djava.io.tmpdir=DIR); with a server that lists in S3's order, " + section() + ".listing: ordered needs no files", e);
    }

    private static void createDirectory(Path p) {
        try {
            Files.createDirectories(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            PrivateFiles.deleteTree(p);
        } catch (IOException ignored) {
            // a temporary directory
        }
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** The keys handed out so far, ascending, appended to a file (auto) or only counted (ordered). */
    private static final class Handed implements AutoCloseable {
        private final Path file;
        private DataOutputStream out;

        Handed(Path file, boolean keep) {
            this.file = file;
            try {
                this.out = keep ? new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) : null;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        void append(String key) {
            if (out == null) {
                return;
            }
            try {
                byte[] b = utf8(key);
                out.writeInt(b.length);
                out.write(b);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Reads what was appended so far (the writer is flushed first); null in ordered mode. */
        Reader reader() {
            if (out == null) {
                return null;
            }
            try {
                out.flush();
                return new Reader(file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() {
            if (out != null) {
                try {
                    out.close();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                } finally {
                    out = null;
                }
            }
        }

        /** Membership of ascending keys asked in ascending order: one pass over the file. */
        static final class Reader implements AutoCloseable {
            private final DataInputStream in;
            private byte[] current;
            private boolean ended;

            Reader(Path file) throws IOException {
                this.in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16));
            }

            /** Whether {@code key} is in the file; false also when keys are asked out of order (the caller then does not skip). */
            boolean contains(String key) {
                byte[] k = utf8(key);
                try {
                    while (!ended && (current == null || SortedRun.UTF8_ORDER.compare(current, k) < 0)) {
                        try {
                            int n = in.readInt();
                            current = in.readNBytes(n);
                        } catch (EOFException end) {
                            ended = true;
                            current = null;
                        }
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                return current != null && SortedRun.UTF8_ORDER.compare(current, k) == 0;
            }

            @Override
            public void close() {
                try {
                    in.close();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    }
}
