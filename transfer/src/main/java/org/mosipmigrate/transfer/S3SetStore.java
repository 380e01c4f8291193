package org.mosipmigrate.transfer;

import java.io.InputStream;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.mosipmigrate.core.error.ErrorCode;
import org.mosipmigrate.core.error.MigrateException;
import org.mosipmigrate.core.set.store.BackupSetStore;
import org.mosipmigrate.core.set.store.SetLocation;
import org.mosipmigrate.core.set.store.StoredFile;
import org.mosipmigrate.core.set.store.StoredFileMissingException;
import org.mosipmigrate.objects.ObjectHead;
import org.mosipmigrate.objects.ObjectStore;
import org.mosipmigrate.objects.ResumingInputStream;

/**
 * A backup set under {@code s3://bucket/prefix}, on either client library of the {@link ObjectStore} seam.
 * Writes go through {@link ObjectStore#putVerified} (per-part SHA-256 checked by the server, visible only
 * when complete, refused when the content is not the expected one); reads continue after a cut connection
 * with ranged GETs. The bucket must exist: it is never created here, so a mistyped name fails at once.
 */
public final class S3SetStore implements BackupSetStore {
    private final ObjectStore store;
    private final SetLocation location;

    /** Takes ownership of {@code store}. */
    public S3SetStore(ObjectStore store, SetLocation location) {
        this.store = store;
        this.location = location;
        boolean exists;
        try {
            exists = store.bucketExists(location.bucket());
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
        if (!exists) {
            store.close();
            throw new MigrateException(ErrorCode.RUNTIME, store.describe() + ": bucket " + location.bucket() + " of " + location + " does not exist",
                    "create the bucket on the backup store first, or fix the s3:// location (backupSet, --from, --to)");
        }
    }

    private String key(String path) {
        return location.keyPrefix() + BackupSetStore.checkPath(path);
    }

    @Override
    public String describe() {
        return location + " (" + store.describe() + ")";
    }

    @Override
    public Stream<StoredFile> list() {
        String prefix = location.keyPrefix();
        var it = store.listObjects(location.bucket(), prefix).iterator();
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(it, Spliterator.ORDERED), false)
                .filter(o -> o.key().startsWith(prefix) && o.key().length() > prefix.length())
                .map(o -> new StoredFile(o.key().substring(prefix.length()), o.size()));
    }

    @Override
    public InputStream open(String path) {
        ObjectHead head = store.head(location.bucket(), key(path));
        if (head == null) {
            throw new StoredFileMissingException(describe(), path);
        }
        return new ResumingInputStream(store, location.bucket(), key(path), head.size());
    }

    @Override
    public long size(String path) {
        ObjectHead head = store.head(location.bucket(), key(path));
        return head == null ? -1 : head.size();
    }

    @Override
    public String write(String path, InputStream in, long size, String expectedSha256) {
        try {
            return store.putVerified(location.bucket(), key(path), in, size, expectedSha256);
        } catch (MigrateException e) {
            if (e.code() == ErrorCode.BACKUP_SET_CORRUPT) {
                throw new MigrateException(ErrorCode.BACKUP_SET_CORRUPT, describe() + ": file " + path + ": " + e.getMessage(), e.hint(), e);
            }
            throw e;
        }
    }

    @Override
    public void delete(String path) {
        store.delete(location.bucket(), key(path));
    }

    @Override
    public void close() {
        store.close();
    }
}
