package org.mosipmigrate.core.set;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.mosipmigrate.core.error.MigrateException;
import org.mosipmigrate.core.run.Workers;

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
            if (ok()) {
                return;
            }
            Problem first = problems.get(0);
            throw new MigrateException(org.mosipmigrate.core.error.ErrorCode.BACKUP_SET_CORRUPT, "backup set " + set + ": "
                    + ownerOf.apply(first.file()) + ": file " + set.resolve(first.file()) + " " + first.what()
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

    /** Checks the given files; a negative size means "not recorded" and only the SHA-256 is compared. */
    public static Result files(Path set, List<Manifest.FileRef> files, int parallelism) {
        List<Problem> problems = Collections.synchronizedList(new ArrayList<>());
        List<Workers.Task> tasks = new ArrayList<>();
        for (Manifest.FileRef f : files) {
            tasks.add(() -> {
                Path p = SafePaths.resolveIn(set, f.file());
                if (!Files.isRegularFile(p)) {
                    problems.add(new Problem(f.file(), "is missing"));
                    return;
                }
                try {
                    ChunkFiles.check(p, f.bytes() >= 0 ? f.bytes() : Files.size(p), f.sha256());
                } catch (MigrateException e) {
                    problems.add(new Problem(f.file(), "does not match the manifest (size or SHA-256): modified, truncated or replaced"));
                }
            });
        }
        Workers.runAll(parallelism, "check-set", tasks);
        List<Problem> sorted = new ArrayList<>(problems);
        sorted.sort(java.util.Comparator.comparing(Problem::file));
        return new Result(files.size(), files.stream().mapToLong(Manifest.FileRef::bytes).sum(), sorted);
    }
}
