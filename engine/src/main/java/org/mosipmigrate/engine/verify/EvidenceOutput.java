package org.mosipmigrate.engine.verify;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.mosipmigrate.core.config.MigrationConfig;
import org.mosipmigrate.core.crypto.BackupKey;
import org.mosipmigrate.core.evidence.EvidencePack;
import org.mosipmigrate.core.evidence.EvidenceWriter;

/** Where a command's evidence pack goes and with which key; warns (on stderr, also with --quiet) when it cannot be signed. */
public final class EvidenceOutput {
    private EvidenceOutput() {
    }

    /** {@code <backupSet>/evidence/<UTC timestamp>}, or under the state directory when there is no backup set. */
    public static Path defaultDir(MigrationConfig cfg) {
        return EvidenceWriter.defaultDir(cfg.backupSet() != null ? cfg.backupSet() : cfg.effectiveStateDir(), Instant.now());
    }

    /** Writes {@code pack} into {@code dir} (null: the default) signed with the config's evidence key, if any. */
    public static EvidenceWriter.Written write(MigrationConfig cfg, Map<String, String> env, EvidencePack pack, Path dir, PrintWriter err) {
        BackupKey key = cfg.evidenceSigningKey(env).orElse(null);
        EvidenceWriter.Written w = EvidenceWriter.write(dir != null ? dir : defaultDir(cfg), pack, key);
        if (!w.signed()) {
            err.println("warning: the evidence pack in " + w.dir() + " is UNSIGNED: no evidence.keyFile/keyEnv or encryption key is configured,"
                    + " so `mosip-migrate evidence check` will reject it");
            err.flush();
        }
        return w;
    }
}
