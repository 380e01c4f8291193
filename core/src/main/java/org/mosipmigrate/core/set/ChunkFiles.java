package org.mosipmigrate.core.set;

import com.github.luben.zstd.ZstdInputStream;
import com.github.luben.zstd.ZstdOutputStream;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.mosipmigrate.core.crypto.BackupKey;
import org.mosipmigrate.core.crypto.EncryptedStreams;
import org.mosipmigrate.core.error.ErrorCode;
import org.mosipmigrate.core.error.MigrateException;

/**
 * Writes and reads data chunks: a stream is zstd-compressed and hashed in one pass into a ".partial"
 * file that is fsync'd and atomically renamed, so a chunk file either is complete or does not exist.
 * Reading checks the size up front and the SHA-256 at end of stream (before the caller commits).
 */
public final class ChunkFiles {
    private ChunkFiles() {
    }

    public record Written(long rawBytes, long bytes, String sha256) {
    }

    @FunctionalInterface
    public interface Body<T> {
        T writeTo(OutputStream out) throws Exception;
    }

    public record Result<T>(T value, Written file) {
    }

    public static <T> Result<T> write(Path target, int level, Body<T> body) throws Exception {
        return write(target, level, null, body);
    }

    /** As above, encrypting the compressed stream with {@code key} when it is not null. */
    public static <T> Result<T> write(Path target, int level, BackupKey key, Body<T> body) throws Exception {
        PrivateFiles.createDirectories(target.getParent());
        Path partial = target.resolveSibling(target.getFileName() + ".partial");
        MessageDigest sha = sha256();
        CountingOutputStream stored;
        CountingOutputStream raw;
        T value;
        try (OutputStream file = PrivateFiles.newOutputStream(partial)) {
            stored = new CountingOutputStream(new BufferedOutputStream(file, 1 << 16));
            DigestOutputStream digest = new DigestOutputStream(stored, sha);
            OutputStream sealed = key == null ? digest : EncryptedStreams.encrypting(digest, key);
            ZstdOutputStream zstd = new ZstdOutputStream(sealed, level);
            raw = new CountingOutputStream(new BufferedOutputStream(zstd, 1 << 16));
            value = body.writeTo(raw);
            raw.close();
        } catch (Exception e) {
            Files.deleteIfExists(partial);
            throw e;
        }
        try (FileChannel ch = FileChannel.open(partial, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
        Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        org.mosipmigrate.core.json.Json.syncDirectory(target.getParent());
        return new Result<>(value, new Written(raw.count(), stored.count(), HexFormat.of().formatHex(sha.digest())));
    }

    /** Opens a chunk for reading; the stream throws at EOF when the content does not match the manifest. */
    public static InputStream open(Path file, long expectedBytes, String expectedSha256) {
        return open(file, expectedBytes, expectedSha256, null);
    }

    /** As above, decrypting with {@code key} when the backup set is encrypted. */
    public static InputStream open(Path file, long expectedBytes, String expectedSha256, BackupKey key) {
        try {
            long size = Files.size(file);
            if (size != expectedBytes) {
                throw new MigrateException(ErrorCode.BACKUP_SET_CORRUPT,
                        "chunk file " + file + " is " + size + " bytes, the manifest says " + expectedBytes + " (truncated or replaced)",
                        "restore this file from another copy of the backup set, or run the backup again");
            }
            MessageDigest sha = sha256();
            InputStream in = new DigestInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16), sha);
            InputStream checked = new FilterInputStream(in) {
                private boolean checkedAtEof;

                private int check(int n) throws IOException {
                    if (n < 0 && !checkedAtEof) {
                        checkedAtEof = true;
                        String actual = HexFormat.of().formatHex(sha.digest());
                        if (!actual.equals(expectedSha256)) {
                            throw new ChunkCorruptException(file, "SHA-256 " + actual + " does not match the manifest's " + expectedSha256);
                        }
                    }
                    return n;
                }

                @Override
                public int read() throws IOException {
                    return check(super.read());
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    return check(super.read(b, off, len));
                }
            };
            InputStream plain;
            try {
                plain = key == null ? checked : EncryptedStreams.decrypting(checked, key);
            } catch (EncryptedStreams.DecryptionException e) {
                throw new ChunkCorruptException(file, e.getMessage());
            }
            return new FilterInputStream(new ZstdInputStream(plain)) {
                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    try {
                        int n = super.read(b, off, len);
                        if (n < 0) {
                            // drain so the digest sees every byte, even trailing garbage after the frame
                            byte[] rest = new byte[8192];
                            while (checked.read(rest) >= 0) {
                                // keep reading
                            }
                        }
                        return n;
                    } catch (ChunkCorruptException e) {
                        throw e;
                    } catch (EncryptedStreams.DecryptionException e) {
                        throw new ChunkCorruptException(file, e.getMessage());
                    } catch (IOException e) {
                        throw new ChunkCorruptException(file, "cannot be decompressed (" + e.getMessage() + ")");
                    }
                }
            };
        } catch (IOException e) {
            throw new MigrateException(ErrorCode.BACKUP_SET_CORRUPT, "chunk file " + file + " cannot be read: " + e.getMessage(),
                    "check that the backup set is complete", e);
        }
    }

    /** Verifies a chunk file's size and SHA-256 without decompressing it. */
    public static void check(Path file, long expectedBytes, String expectedSha256) {
        try {
            long total = Files.size(file);
            String actual = sha256Of(file);
            if (total != expectedBytes || !actual.equals(expectedSha256)) {
                throw new MigrateException(ErrorCode.BACKUP_SET_CORRUPT,
                        "chunk file " + file + " does not match the manifest (" + total + " bytes, sha256 " + actual + ")",
                        "restore this file from another copy of the backup set, or run the backup again");
            }
        } catch (IOException e) {
            throw new MigrateException(ErrorCode.BACKUP_SET_CORRUPT, "chunk file " + file + " cannot be read: " + e.getMessage(),
                    "check that the backup set is complete", e);
        }
    }

    /** SHA-256 of a whole file, hex; the one file hasher every stage uses. */
    public static String sha256Of(Path file) throws IOException {
        MessageDigest sha = sha256();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[1 << 16];
            int n;
            while ((n = in.read(buf)) >= 0) {
                sha.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An IOException (so it passes through pgjdbc's copy loop) that the caller maps to BACKUP_SET_CORRUPT. */
    public static final class ChunkCorruptException extends IOException {
        private final Path file;

        ChunkCorruptException(Path file, String detail) {
            super("chunk file " + file + " " + detail);
            this.file = file;
        }

        public Path file() {
            return file;
        }
    }
}
