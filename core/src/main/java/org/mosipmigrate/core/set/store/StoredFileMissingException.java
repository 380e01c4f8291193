package org.mosipmigrate.core.set.store;

import org.mosipmigrate.core.error.ErrorCode;
import org.mosipmigrate.core.error.MigrateException;

/** A file the caller expected in a backup set is not there. */
public final class StoredFileMissingException extends MigrateException {
    private final String path;

    public StoredFileMissingException(String store, String path) {
        super(ErrorCode.BACKUP_SET_INVALID, "backup set " + store + " has no file " + path,
                "the backup set is incomplete: copy it again from a complete copy");
        this.path = path;
    }

    public String path() {
        return path;
    }
}
