package org.mosipmigrate.core.set;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How a stage reaches the bulky files of a backup set (chunks, schema dumps, object segments) when the set
 * lives elsewhere. The stages always work in a local directory ({@code cfg.backupSet()}); for a set on S3 that
 * directory is a spool: a finished file is uploaded and removed, and a file to restore is fetched just before
 * it is read and removed after. For a set in a local directory every call is a no-op ({@link #local}).
 */
public interface SetSpool {
    /** Backup: {@code path} is complete and recorded in its ledger; it may now leave the local directory. */
    void finished(String path);

    /** Backup, on resume: whether {@code path} is in the set, here or already shipped. */
    boolean present(String path);

    /** Restore: a local file holding the stored bytes of {@code path} (fetched when needed). */
    Path fetch(String path);

    /** Restore: the caller is done with a file it fetched. */
    void release(String path);

    /** A set that is the local directory itself. */
    static SetSpool local(Path set) {
        return new SetSpool() {
            @Override
            public void finished(String path) {
                // the file is where it belongs
            }

            @Override
            public boolean present(String path) {
                return Files.exists(SafePaths.resolveIn(set, path));
            }

            @Override
            public Path fetch(String path) {
                return SafePaths.resolveIn(set, path);
            }

            @Override
            public void release(String path) {
                // nothing was copied
            }
        };
    }
}
