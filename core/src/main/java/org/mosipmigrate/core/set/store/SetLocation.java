package org.mosipmigrate.core.set.store;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HexFormat;
import org.mosipmigrate.core.error.ErrorCode;
import org.mosipmigrate.core.error.MigrateException;
import org.mosipmigrate.core.set.ChunkFiles;
import org.mosipmigrate.core.set.SafePaths;

/**
 * Where a backup set lives, as written in the config ({@code backupSet}) or on the command line
 * ({@code transfer --from/--to}): a local directory, or {@code s3://bucket/prefix} on the backup store.
 * Exactly one of {@code dir} and {@code bucket} is set; {@code prefix} is "" or ends without a slash.
 */
public record SetLocation(Path dir, String bucket, String prefix) {
    public static final String SCHEME = "s3://";

    /** Parses {@code text}; a relative directory is resolved against {@code base}. {@code what} names the key or option in errors. */
    public static SetLocation parse(String text, Path base, String what) {
        if (text == null || text.isBlank()) {
            throw new MigrateException(ErrorCode.CONFIG, what + ": no backup set location given", "write a directory or s3://bucket/prefix");
        }
        String t = text.strip();
        if (!t.startsWith(SCHEME)) {
            return new SetLocation(base.resolve(t).toAbsolutePath().normalize(), null, null);
        }
        String rest = t.substring(SCHEME.length());
        int slash = rest.indexOf('/');
        String bucket = slash < 0 ? rest : rest.substring(0, slash);
        String prefix = slash < 0 ? "" : rest.substring(slash + 1);
        while (prefix.endsWith("/")) {
            prefix = prefix.substring(0, prefix.length() - 1);
        }
        if (!bucket.matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")) {
            throw new MigrateException(ErrorCode.CONFIG, what + ": '" + bucket + "' in " + t + " is not an S3 bucket name",
                    "write s3://bucket/prefix with a bucket of 3-63 lower-case letters, digits, '.' or '-'");
        }
        if (!prefix.isEmpty()) {
            try {
                BackupSetStore.checkPath(prefix);
            } catch (MigrateException e) {
                throw new MigrateException(ErrorCode.CONFIG, what + ": the prefix of " + t + " has empty, '.' or '..' parts", "write s3://bucket/some/prefix");
            }
        }
        return new SetLocation(null, bucket, prefix);
    }

    public boolean s3() {
        return bucket != null;
    }

    /** The key prefix of the set's files in its bucket: "" or "prefix/". */
    public String keyPrefix() {
        return prefix.isEmpty() ? "" : prefix + "/";
    }

    /** A stable, file-name-safe name for this location (the spool directory of an S3 set). */
    public String tag() {
        String hash = HexFormat.of().formatHex(ChunkFiles.sha256().digest(toString().getBytes(StandardCharsets.UTF_8))).substring(0, 12);
        return SafePaths.sanitize(s3() ? bucket + "-" + prefix.replace('/', '-') : dir.getFileName() == null ? "root" : dir.getFileName().toString())
                + "-" + hash;
    }

    /** True when the two locations are the same set or one lies inside the other. */
    public boolean overlaps(SetLocation other) {
        if (s3() != other.s3()) {
            return false;
        }
        if (!s3()) {
            return dir.startsWith(other.dir) || other.dir.startsWith(dir);
        }
        return bucket.equals(other.bucket) && (keyPrefix().startsWith(other.keyPrefix()) || other.keyPrefix().startsWith(keyPrefix()));
    }

    @Override
    public String toString() {
        return s3() ? SCHEME + bucket + (prefix.isEmpty() ? "" : "/" + prefix) : dir.toString();
    }
}
