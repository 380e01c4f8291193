package org.mosipmigrate.transfer;

import java.util.Map;
import org.mosipmigrate.core.config.MigrationConfig;
import org.mosipmigrate.core.error.ErrorCode;
import org.mosipmigrate.core.error.MigrateException;
import org.mosipmigrate.core.set.store.BackupSetStore;
import org.mosipmigrate.core.set.store.LocalSetStore;
import org.mosipmigrate.core.set.store.SetLocation;
import org.mosipmigrate.objects.adapter.ObjectStores;

/** Opens the store of a backup set location: a directory, or an {@code s3://} prefix on the configured backup store. */
public final class SetStores {
    private SetStores() {
    }

    public static BackupSetStore open(SetLocation location, MigrationConfig cfg, Map<String, String> env) {
        if (!location.s3()) {
            return new LocalSetStore(location.dir());
        }
        var bs = cfg.backupStore();
        if (!bs.configured()) {
            throw new MigrateException(ErrorCode.CONFIG, cfg.file() + ": " + location + " is on S3, and there is no backupStore section",
                    "add backupStore: {type, endpoint, accessKeyEnv, secretKeyEnv} naming the server that holds bucket " + location.bucket());
        }
        return new S3SetStore(ObjectStores.open(bs.endpoint(), env, bs.partBytes(), Math.max(8, cfg.parallelism() * 2)), location);
    }
}
