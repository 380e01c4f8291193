package org.mosipmigrate.core.set;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Everything the tool writes (backup sets, ledgers, reports) is owner-only: 0700 directories and 0600
 * files, whatever the process umask. A backup set is a copy of a country's identity register.
 */
public final class PrivateFiles {
    private static final Set<PosixFilePermission> DIR = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    private PrivateFiles() {
    }

    /** Creates missing directories (each new one 0700); existing ones are left as the operator made them. */
    public static void createDirectories(Path dir) throws IOException {
        Path abs = dir.toAbsolutePath();
        if (Files.isDirectory(abs)) {
            return;
        }
        Path parent = abs.getParent();
        if (parent != null) {
            createDirectories(parent);
        }
        try {
            Files.createDirectory(abs, attribute(DIR));
        } catch (FileAlreadyExistsException e) {
            if (!Files.isDirectory(abs)) {
                throw e;
            }
        }
    }

    /** Opens a new (or truncated) file with mode 0600. */
    public static OutputStream newOutputStream(Path file) throws IOException {
        if (!Files.exists(file)) {
            Files.createFile(file, attribute(FILE));
        } else {
            restrict(file);
        }
        return Files.newOutputStream(file, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
    }

    public static void createFileIfMissing(Path file) throws IOException {
        if (!Files.exists(file)) {
            Files.createFile(file, attribute(FILE));
        }
    }

    /** Sets 0600 on a file another program wrote (pg_dump follows the umask). */
    public static void restrict(Path file) throws IOException {
        if (supportsPosix(file)) {
            Files.setPosixFilePermissions(file, FILE);
        }
    }

    private static FileAttribute<?>[] attribute(Set<PosixFilePermission> perms) {
        return supportsPosix(Path.of(".")) ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(perms)} : new FileAttribute<?>[0];
    }

    private static boolean supportsPosix(Path p) {
        return p.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    /** Deletes a directory and everything in it (a missing one is fine); a file that cannot be deleted is an error. */
    public static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (java.util.stream.Stream<Path> all = Files.walk(root)) {
            for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
