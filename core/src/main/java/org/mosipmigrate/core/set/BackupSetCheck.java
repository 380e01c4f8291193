package org.mosipmigrate.core.set;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.mosipmigrate.core.error.MigrateException;
import org.mosipmigrate.core.run.Workers;
import org.mosipmigrate.core.set.store.BackupSetStore;
import org.mosipmigrate.core.set.store.LocalSetStore;
import org.mosipmigrate.core.set.store.StoredFileMissingException;

/**
 * Checks every file a manifest lists (presence, size, SHA-256 of the stored bytes) without decrypting
 * or decompressing anything, so it needs no key. Used before a restore and by `verify --set-only`.
 */
public final class BackupSetCheck {
    private BackupSetCheck() {
    }

    /** A file that is missing or does not match: its path relative to the set, and what is wrong. */
    public record Problem(String file, String what) {
    }

    public record Result(int filesChecked, long bytesChecked, List<Problem> problems) {
        public Result {
            problems = List.copyOf(problems);
        }

        public boolean ok() {
            return problems.isEmpty();
        }

        /** Throws BACKUP_SET_CORRUPT naming the first damaged file and the item it belongs to. */
        public void requireOk(Path set, java.util.function.Function<String, String> ownerOf) {
            requireOk(set.toString(), ownerOf);
        }

        /** As above, for a set named by its location (a directory or s3://bucket/prefix). */
        public void requireOk(String set, java.util.function.Function<String, String> ownerOf) {
            if (ok()) {
                return;
            }
            Problem first = problems.get(0);
            throw new MigrateException(org.mosipmigrate.core.error.ErrorCode.BACKUP_SET_CORRUPT, "backup set " + set + ": "
                    + ownerOf.apply(first.file()) + ": file " + set + "/" + first.file() + " " + first.what()
                    + (problems.size() > 1 ? " (and " + (problems.size() - 1) + " more; `verify --set-only` lists them)" : ""),
                    "nothing was restored; copy the complete backup set again, or run the backup again");
        }
    }

    public static Result run(Path set, Manifest m, int parallelism) {
        return files(set, databaseFiles(m), parallelism);
    }

    /** Every file the database manifest lists: schema dumps and chunks. */
    public static List<Manifest.FileRef> databaseFiles(Manifest m) {
        List<Manifest.FileRef> files = new ArrayList<>();
        for (Manifest.DatabaseEntry db : m.databases()) {
            files.add(db.schema());
            for (Manifest.TableEntry t : db.tables()) {
                for (Manifest.ChunkEntry ch : t.chunks()) {
                    files.add(new Manifest.FileRef(ch.file(), ch.bytes(), ch.sha256()));
                }
            }
        }
        return files;
    }

    /** Checks the given files of a set in a local directory. */
    public static Result files(Path set, List<Manifest.FileRef> files, int parallelism) {
        try (BackupSetStore store = new LocalSetStore(set)) {
            return files(store, files, parallelism);
        }
    }

    /**
     * Checks the given files by reading each one whole from the store and hashing it; a negative size means
     * "not recorded" and only the SHA-256 is compared. A file that is missing, unreadable or different is a
     * problem; a failure of the store itself (network) is thrown, so the caller's retry or exit code applies.
     */
    public static Result files(BackupSetStore store, List<Manifest.FileRef> files, int parallelism) {
        List<Problem> problems = Collections.synchronizedList(new ArrayList<>());
        List<Workers.Task> tasks = new ArrayList<>();
        for (Manifest.FileRef f : files) {
            tasks.add(() -> {
                String what = checkOne(store, f);
                if (what != null) {
                    problems.add(new Problem(f.file(), what));
                }
            });
        }
        Workers.runAll(parallelism, "check-set", tasks);
        List<Problem> sorted = new ArrayList<>(problems);
        sorted.sort(java.util.Comparator.comparing(Problem::file));
        return new Result(files.size(), files.stream().mapToLong(f -> Math.max(0, f.bytes())).sum(), sorted);
    }

    /** What is wrong with one file, or null when it matches. */
    private static String checkOne(BackupSetStore store, Manifest.FileRef f) {
        MessageDigest sha = ChunkFiles.sha256();
        long total = 0;
        try (InputStream in = store.open(f.file())) {
            byte[] buf = new byte[1 << 16];
            int n;
            while ((n = in.read(buf)) >= 0) {
                sha.update(buf, 0, n);
                total += n;
            }
        } catch (StoredFileMissingException e) {
            return "is missing";
        } catch (IOException e) {
            return "cannot be read (" + e.getMessage() + ")";
        }
        if ((f.bytes() >= 0 && total != f.bytes()) || !HexFormat.of().formatHex(sha.digest()).equals(f.sha256())) {
            return "does not match the manifest (size or SHA-256): modified, truncated or replaced";
        }
        return null;
    }
}
