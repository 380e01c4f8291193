package org.mosipmigrate.core.set.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.stream.Stream;
import org.mosipmigrate.core.error.ErrorCode;
import org.mosipmigrate.core.error.MigrateException;
import org.mosipmigrate.core.json.Json;
import org.mosipmigrate.core.set.PrivateFiles;
import org.mosipmigrate.core.set.SafePaths;

/**
 * A backup set in a local (or mounted) directory. A write goes to {@code <name>.partial}, is fsync'd and
 * renamed; files ending in {@code .partial} or {@code .tmp} are the tool's work in progress and are not listed.
 */
public final class LocalSetStore implements BackupSetStore {
    private final Path root;

    public LocalSetStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    @Override
    public String describe() {
        return root.toString();
    }

    static boolean inProgress(String name) {
        return name.endsWith(".partial") || name.endsWith(".tmp");
    }

    private Path resolve(String path) {
        return SafePaths.resolveIn(root, BackupSetStore.checkPath(path));
    }

    @Override
    public Stream<StoredFile> list() {
        if (!Files.isDirectory(root)) {
            return Stream.empty();
        }
        try {
            return Files.walk(root)
                    .filter(p -> Files.isRegularFile(p) && !inProgress(p.getFileName().toString()))
                    .map(p -> {
                        try {
                            return new StoredFile(root.relativize(p).toString().replace(java.io.File.separatorChar, '/'), Files.size(p));
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    });
        } catch (IOException e) {
            throw new MigrateException(ErrorCode.RUNTIME, "cannot list backup set " + root + ": " + e.getMessage(), "check the path and permissions", e);
        }
    }

    @Override
    public InputStream open(String path) {
        try {
            return Files.newInputStream(resolve(path));
        } catch (NoSuchFileException e) {
            throw new StoredFileMissingException(describe(), path);
        } catch (IOException e) {
            throw new MigrateException(ErrorCode.RUNTIME, "cannot read " + path + " in backup set " + root + ": " + e.getMessage(),
                    "check permissions", e);
        }
    }

    @Override
    public long size(String path) {
        Path p = resolve(path);
        try {
            return Files.isRegularFile(p) ? Files.size(p) : -1;
        } catch (IOException e) {
            return -1;
        }
    }

    @Override
    public String write(String path, InputStream in, long size, String expectedSha256) {
        Path target = resolve(path);
        Path partial = target.resolveSibling(target.getFileName() + ".partial");
        try {
            PrivateFiles.createDirectories(target.getParent());
            SizedDigestStream body = new SizedDigestStream(in, size, path);
            try (OutputStream out = PrivateFiles.newOutputStream(partial)) {
                body.transferTo(out);
            }
            String sha;
            try {
                sha = body.sha256Checked(describe(), expectedSha256);
            } catch (MigrateException e) {
                Files.deleteIfExists(partial);
                throw e;
            }
            try (FileChannel ch = FileChannel.open(partial, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            Json.syncDirectory(target.getParent());
            return sha;
        } catch (IOException e) {
            try {
                Files.deleteIfExists(partial);
            } catch (IOException ignored) {
                // the next write of this path replaces the partial file anyway
            }
            throw new MigrateException(ErrorCode.RUNTIME, "cannot write " + path + " into backup set " + root + ": " + e.getMessage(),
                    "check free disk space; run the same command again", e);
        }
    }

    @Override
    public void delete(String path) {
        try {
            Files.deleteIfExists(resolve(path));
        } catch (IOException e) {
            throw new MigrateException(ErrorCode.RUNTIME, "cannot delete " + path + " in backup set " + root + ": " + e.getMessage(), null, e);
        }
    }

    @Override
    public void close() {
        // nothing held open
    }
}
