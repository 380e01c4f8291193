package org.mosipmigrate.objects;

import java.nio.file.Path;
import org.mosipmigrate.core.error.ErrorCode;
import org.mosipmigrate.core.error.MigrateException;
import org.mosipmigrate.core.run.Shard;

/**
 * Which objects one shard handles ({@code --shard I/N --shard-objects-by ...}). By object (the default): the hash
 * of bucket and key, so that even one huge account bucket is split; every shard lists every bucket. By bucket:
 * the hash of the bucket name, so that a shard lists only its own buckets (the bucket-per-RID layout, millions
 * of small buckets). Backup segments are restored and checked by the shard that owns the segment file.
 */
public record ObjectShard(Shard shard, boolean byBucket) {
    public static final ObjectShard ALL = new ObjectShard(Shard.ALL, false);

    public static ObjectShard of(Shard shard, String by) {
        if (by == null || by.equals("object")) {
            return new ObjectShard(shard, false);
        }
        if (by.equals("bucket")) {
            return new ObjectShard(shard, true);
        }
        throw new MigrateException(ErrorCode.USAGE, "--shard-objects-by " + by + ": unknown", "write object (default) or bucket");
    }

    public String mode() {
        return byBucket ? "bucket" : "object";
    }

    /** Whether this shard lists the bucket's objects at all. */
    public boolean lists(String bucket) {
        return !byBucket || shard.owns(bucket);
    }

    /** Bucket names contain no '/', so {@code bucket/key} names one object unambiguously. */
    public boolean owns(String bucket, String key) {
        return byBucket ? shard.owns(bucket) : shard.owns(bucket + "/" + key);
    }

    /** Whether this shard records (or compares) the bucket itself: its owner by bucket, else shard 0 alone. */
    public boolean ownsBucket(String bucket) {
        return byBucket ? shard.owns(bucket) : shard.isFirst();
    }

    public boolean ownsSegment(String segmentFile) {
        return shard.owns("segment/" + segmentFile);
    }

    /** This shard's own ledger beside the main one. */
    public Path ledger(Path main) {
        return shard.fileBeside(main);
    }
}
