package org.mosipmigrate.transfer;

import java.util.Map;
import org.mosipmigrate.core.config.MigrationConfig;
import org.mosipmigrate.core.run.Progress;
import org.mosipmigrate.core.set.SetSpool;
import org.mosipmigrate.core.set.store.BackupSetStore;
import org.mosipmigrate.core.set.store.LocalSetStore;

/** The {@link SpoolSession} of a command: a no-op for a set in a directory, an {@link S3Spool} for an {@code s3://} set. */
public final class SetSpools {
    private SetSpools() {
    }

    /**
     * {@code writing} for commands that add to the set (backup, cleanup --apply), else for commands that only
     * read it (restore, verify, dry runs). A session whose spool and store are null when the config names no backup set (the stages then say what they need). */
    public static SpoolSession open(MigrationConfig cfg, Map<String, String> env, Progress progress, boolean writing) {
        if (cfg.backupSet() == null) {
            return NONE;
        }
        if (!cfg.backupSetOnS3()) {
            return local(new LocalSetStore(cfg.backupSet()));
        }
        return S3Spool.open(SetStores.open(cfg.backupSetLocation(), cfg, env), cfg.backupSet(), writing, progress);
    }

    private static final SpoolSession NONE = new SpoolSession() {
        @Override
        public SetSpool spool() {
            return null;
        }

        @Override
        public BackupSetStore store() {
            return null;
        }

        @Override
        public void publish() {
            // no set
        }

        @Override
        public void close() {
            // nothing opened
        }
    };

    static SpoolSession local(LocalSetStore store) {
        SetSpool spool = SetSpool.local(store.root());
        return new SpoolSession() {
            @Override
            public SetSpool spool() {
                return spool;
            }

            @Override
            public BackupSetStore store() {
                return store;
            }

            @Override
            public void publish() {
                // the stages wrote straight into the set
            }

            @Override
            public void close() {
                store.close();
            }
        };
    }
}
