package org.mosipmigrate.transfer;

import org.mosipmigrate.core.run.Retry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.mosipmigrate.core.error.ErrorCode;
import org.mosipmigrate.core.error.MigrateException;
import org.mosipmigrate.core.ledger.Ledger;
import org.mosipmigrate.core.ledger.LedgerEntry;
import org.mosipmigrate.core.run.Progress;
import org.mosipmigrate.core.run.Workers;
import org.mosipmigrate.core.set.ChunkFiles;
import org.mosipmigrate.core.set.PrivateFiles;
import org.mosipmigrate.core.set.SafePaths;
import org.mosipmigrate.core.set.SetSpool;
import org.mosipmigrate.core.set.store.BackupSetStore;
import org.mosipmigrate.core.set.store.LocalSetStore;
import org.mosipmigrate.core.set.store.StoredFile;

/**
 * The local spool of a backup set on S3. The stages write and read the spool directory as if it were the
 * set; this class moves files between it and the store:
 * <ul>
 *   <li>opening it downloads the set's small files (manifests, plan, meta, indexes, bucket lists, keystore
 *       files, the writers' ledgers) that the stages read, so a fresh machine can resume or restore;</li>
 *   <li>writing: each finished data file (chunk, schema dump, segment) is uploaded at once, recorded in
 *       {@code ledger/spool-uploads.jsonl}, then deleted here; {@link #publish()} uploads what changed of the
 *       small files, then the manifests (seals first);</li>
 *   <li>reading: a data file is fetched into {@code .fetched/} just before a stage reads it and deleted after.</li>
 * </ul>
 * Local disk use is therefore the small files plus the data files in flight (see docs/backup-set-format.md).
 */
final class S3Spool implements SetSpool, SpoolSession {
    /** Small files are many (an index per segment): fetched this many at a time. */
    private static final int HYDRATE_CONNECTIONS = 8;

    private final BackupSetStore store;
    private final LocalSetStore local;
    private final Path dir;
    private final Ledger uploads;
    private final Progress progress;
    private final AtomicLong shippedFiles = new AtomicLong();
    private final AtomicLong shippedBytes = new AtomicLong();

    private S3Spool(BackupSetStore store, Path dir, Ledger uploads, Progress progress) {
        this.store = store;
        this.local = new LocalSetStore(dir);
        this.dir = dir;
        this.uploads = uploads;
        this.progress = progress;
    }

    /** Takes ownership of {@code store}; a writing spool also ships what an interrupted run left behind. */
    static S3Spool open(BackupSetStore store, Path dir, boolean writing, Progress progress) {
        S3Spool spool = null;
        try {
            PrivateFiles.createDirectories(dir);
            org.mosipmigrate.core.set.PrivateFiles.deleteTree(dir.resolve(SetLayout.FETCHED));
            hydrate(store, new LocalSetStore(dir), writing);
            spool = new S3Spool(store, dir, writing ? Ledger.open(dir.resolve(SetLayout.SPOOL_LEDGER)) : null, progress);
            progress.info("backup set " + store.describe() + ": spool " + dir);
            if (writing) {
                spool.shipData();
            }
            return spool;
        } catch (IOException | RuntimeException e) {
            if (spool != null) {
                spool.close();
            } else {
                store.close();
            }
            if (e instanceof RuntimeException re) {
                throw re;
            }
            throw new MigrateException(ErrorCode.RUNTIME, "cannot prepare the spool " + dir + ": " + e.getMessage(), "check the path and free space", e);
        }
    }

    /**
     * Brings the small files of the set into the spool. Writing keeps what is here (the spool of an
     * interrupted backup is newer than the store) and only adds what is missing; reading takes the store's
     * manifests always and other small files when absent or of another size, and never the ledgers.
     */
    private static void hydrate(BackupSetStore store, LocalSetStore local, boolean writing) {
        Set<String> remoteManifests = new HashSet<>();
        List<Workers.Task> downloads = new ArrayList<>();
        try (Stream<StoredFile> files = store.list()) {
            files.forEach(f -> {
                SetLayout.Kind kind = SetLayout.kind(f.path());
                boolean wanted = f.path().equals(SetLayout.SPOOL_LEDGER) ? writing
                        : kind == SetLayout.Kind.MANIFEST || kind == SetLayout.Kind.META && (writing || !f.path().startsWith("ledger/"));
                if (!wanted) {
                    return;
                }
                if (kind == SetLayout.Kind.MANIFEST) {
                    remoteManifests.add(f.path());
                }
                long here = local.size(f.path());
                boolean fetch = here < 0 || !writing && (kind == SetLayout.Kind.MANIFEST || here != f.size());
                if (fetch) {
                    downloads.add(() -> copy(store, local, f.path(), f.size()));
                }
            });
        }
        Workers.runAll(HYDRATE_CONNECTIONS, "spool", downloads);
        if (!writing) {
            // a manifest the store no longer has must not make a stale copy look complete
            try (Stream<StoredFile> files = local.list()) {
                files.map(StoredFile::path).filter(p -> SetLayout.kind(p) == SetLayout.Kind.MANIFEST && !remoteManifests.contains(p))
                        .toList().forEach(local::delete);
            }
        }
    }

    private static void copy(BackupSetStore from, BackupSetStore to, String path, long size) {
        copy(from, path, to, path, size);
    }

    private static void copy(BackupSetStore from, String path, BackupSetStore to, String toPath, long size) {
        Retry.run("spool: " + path, () -> {
            try (InputStream in = from.open(path)) {
                to.write(toPath, in, size, null);
            } catch (IOException e) {
                throw new MigrateException(ErrorCode.RUNTIME, "cannot copy " + path + " from " + from.describe() + ": " + e.getMessage(), null, e);
            }
        });
    }

    @Override
    public SetSpool spool() {
        return this;
    }

    @Override
    public BackupSetStore store() {
        return store;
    }

    private static String step(String path) {
        return "file/" + path;
    }

    @Override
    public void finished(String path) {
        ship(path, true);
    }

    @Override
    public boolean present(String path) {
        return Files.exists(SafePaths.resolveIn(dir, path)) || writingLedger().isDone(step(path));
    }

    /**
     * Uploads a local file unless the uploads ledger already has these very bytes there (same SHA-256 and
     * size), records it, and with {@code remove} deletes the local copy.
     */
    private void ship(String path, boolean remove) {
        Path file = SafePaths.resolveIn(dir, path);
        if (!Files.isRegularFile(file)) {
            return;
        }
        try {
            long size = Files.size(file);
            String sha = ChunkFiles.sha256Of(file);
            LedgerEntry done = writingLedger().lastEntry(step(path));
            boolean there = done != null && done.state() == LedgerEntry.State.DONE && sha.equals(done.detail().get("sha256"))
                    && done.detail().get("bytes") instanceof Number n && n.longValue() == size;
            if (!there) {
                // the store retries each request (each part) itself
                try (InputStream in = Files.newInputStream(file)) {
                    store.write(path, in, size, sha);
                }
                writingLedger().done(step(path), Map.of("bytes", size, "sha256", sha));
                shippedFiles.incrementAndGet();
                shippedBytes.addAndGet(size);
            }
            if (remove) {
                Files.delete(file);
            }
        } catch (IOException e) {
            throw new MigrateException(ErrorCode.RUNTIME, "cannot ship " + file + " to " + store.describe() + ": " + e.getMessage(),
                    "run the same command again: files already uploaded are not sent again", e);
        }
    }

    private Ledger writingLedger() {
        if (uploads == null) {
            throw new IllegalStateException("the spool was opened for reading");
        }
        return uploads;
    }

    /** Uploads and removes every data file still here (finished by a run that was interrupted before shipping it). */
    private void shipData() {
        for (String path : localFiles(SetLayout.Kind.DATA)) {
            ship(path, true);
        }
    }

    private List<String> localFiles(SetLayout.Kind kind) {
        try (Stream<StoredFile> files = local.list()) {
            return files.map(StoredFile::path).filter(p -> SetLayout.kind(p) == kind).sorted().toList();
        }
    }

    @Override
    public void publish() {
        shipData();
        for (String path : localFiles(SetLayout.Kind.META)) {
            ship(path, false);
        }
        for (String path : SetLayout.manifestOrder(localFiles(SetLayout.Kind.MANIFEST))) {
            ship(path, false);
        }
        uploadLedgerCopy();
        progress.info(String.format("backup set %s: %,d file(s), %,d bytes uploaded by this run so far (manifests last)",
                store.describe(), shippedFiles.get(), shippedBytes.get()));
    }

    /** A copy of the uploads ledger, so that a spool rebuilt on another machine knows what the store holds. */
    private void uploadLedgerCopy() {
        Path file = dir.resolve(SetLayout.SPOOL_LEDGER);
        try {
            byte[] bytes = Files.readAllBytes(file);
            Retry.run("spool ledger upload", () -> store.write(SetLayout.SPOOL_LEDGER, new java.io.ByteArrayInputStream(bytes), bytes.length, null));
        } catch (IOException e) {
            throw new MigrateException(ErrorCode.RUNTIME, "cannot read " + file + ": " + e.getMessage(), null, e);
        }
    }

    @Override
    public Path fetch(String path) {
        String fetched = SetLayout.FETCHED + path;
        long size = store.size(path);
        if (size < 0) {
            throw new org.mosipmigrate.core.set.store.StoredFileMissingException(store.describe(), path);
        }
        copy(store, path, local, fetched, size);
        // the copy's own path, so the stage's checks (size, SHA-256, name-based decryption) apply unchanged
        return local.root().resolve(fetched.replace("/", dir.getFileSystem().getSeparator()));
    }

    @Override
    public void release(String path) {
        local.delete(SetLayout.FETCHED + path);
    }

    @Override
    public void close() {
        if (uploads != null) {
            uploads.close();
        }
        store.close();
    }
}
