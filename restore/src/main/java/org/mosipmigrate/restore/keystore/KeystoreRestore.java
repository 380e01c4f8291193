package org.mosipmigrate.restore.keystore;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.mosipmigrate.core.config.KeystoresConfig;
import org.mosipmigrate.core.config.MigrationConfig;
import org.mosipmigrate.core.crypto.BackupKey;
import org.mosipmigrate.core.error.ErrorCode;
import org.mosipmigrate.core.error.MigrateException;
import org.mosipmigrate.core.run.Progress;
import org.mosipmigrate.core.set.ChunkFiles;
import org.mosipmigrate.core.set.KeystoresManifest;
import org.mosipmigrate.core.set.PrivateFiles;
import org.mosipmigrate.core.set.SafePaths;

/**
 * Writes the keystores of a backup set to their target paths, preserving relative layout and file modes.
 * Every file is first decrypted into a staging area and checked against the manifest (size and SHA-256 of
 * the plaintext); only when a whole keystore is staged is it moved into place. A target that already holds
 * anything is refused, or with {@code --replace-existing} moved aside into a timestamped folder first.
 * A target that already holds exactly the backed-up files is left alone (so a second run is a no-op).
 */
public final class KeystoreRestore {
    /** Hidden staging directory inside a target token directory (same filesystem, so moves are renames). */
    public static final String STAGING = ".mosip-migrate-staging";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

    public enum Action { CREATE, ALREADY_DONE, REFUSE, REPLACE }

    public record Step(KeystoresManifest.Keystore keystore, Path target, Action action, String detail) {
    }

    public record Plan(Path backupSet, List<Step> steps) {
        public String render() {
            StringBuilder sb = new StringBuilder("keystores from " + backupSet + "/keystores\n");
            for (Step s : steps) {
                sb.append(String.format("  %-12s %-8s %d file(s) -> %s: %s%s%n", s.keystore().name(), s.keystore().type(), s.keystore().files().size(),
                        s.target(), s.action(), s.detail() == null ? "" : " (" + s.detail() + ")"));
            }
            return sb.toString();
        }
    }

    public record Restored(String name, String target, Action action, int files, long bytes, String movedAsideTo) {
    }

    public record Result(List<Restored> keystores, double seconds) {
    }

    private final MigrationConfig cfg;
    private final Map<String, String> env;
    private final Progress progress;
    private final boolean replaceExisting;

    public KeystoreRestore(MigrationConfig cfg, Map<String, String> env, Progress progress, boolean replaceExisting) {
        this.cfg = cfg;
        this.env = env;
        this.progress = progress;
        this.replaceExisting = replaceExisting;
    }

    /** Reads the sealed keystores manifest and inspects every target (reads only). */
    public Plan plan() {
        Path set = set();
        KeystoresManifest m = KeystoresManifest.read(set, key());
        List<KeystoresConfig.Target> targets = cfg.keystores().targets();
        if (targets.isEmpty()) {
            throw new MigrateException(ErrorCode.CONFIG, cfg.file() + ": no target.keystores configured",
                    "add target.keystores with a {name, path} for each of: " + m.keystores().stream().map(KeystoresManifest.Keystore::name).toList());
        }
        for (KeystoresManifest.Keystore k : m.keystores()) {
            if (cfg.keystores().target(k.name()).isEmpty()) {
                throw new MigrateException(ErrorCode.CONFIG, cfg.file() + ": keystore '" + k.name() + "' is in the backup set but has no target.keystores entry",
                        "add {name: " + k.name() + ", path: ...} to target.keystores; nothing was written");
            }
        }
        List<Step> steps = new ArrayList<>();
        for (KeystoresConfig.Target t : targets) {
            KeystoresManifest.Keystore k = m.keystores().stream().filter(x -> x.name().equals(t.name())).findFirst()
                    .orElseThrow(() -> new MigrateException(ErrorCode.CONFIG, cfg.file() + ": target keystore '" + t.name() + "' is not in the backup set",
                            "the set holds: " + m.keystores().stream().map(KeystoresManifest.Keystore::name).toList()));
            steps.add(inspect(k, t.path()));
        }
        return new Plan(set, steps);
    }

    public Result execute(Plan plan) {
        long started = System.nanoTime();
        List<String> refused = plan.steps().stream().filter(s -> s.action() == Action.REFUSE)
                .map(s -> "'" + s.keystore().name() + "' -> " + s.target() + " (" + s.detail() + ")").toList();
        if (!refused.isEmpty()) {
            throw new MigrateException(ErrorCode.TARGET_NOT_EMPTY, "keystore target(s) already hold data: " + String.join("; ", refused),
                    "nothing was written. Restore into empty targets, or pass --replace-existing to move the existing content aside into a timestamped folder first");
        }
        BackupKey key = key();
        for (Step s : plan.steps()) {
            if (s.action() != Action.ALREADY_DONE) {
                checkStored(plan.backupSet(), s.keystore());
            }
        }
        List<Restored> out = new ArrayList<>();
        for (Step s : plan.steps()) {
            KeystoresManifest.Keystore k = s.keystore();
            if (s.action() == Action.ALREADY_DONE) {
                progress.info("keystores: " + k.name() + ": " + s.target() + " already holds the backed-up files");
                out.add(new Restored(k.name(), s.target().toString(), s.action(), k.files().size(), k.bytes(), null));
                continue;
            }
            String aside = k.isDirectory() ? restoreDirectory(plan.backupSet(), k, s, key) : restoreFile(plan.backupSet(), k, s, key);
            progress.info("keystores: " + k.name() + ": " + k.files().size() + " file(s) written to " + s.target()
                    + (aside == null ? "" : "; the previous content was moved to " + aside));
            out.add(new Restored(k.name(), s.target().toString(), s.action(), k.files().size(), k.bytes(), aside));
        }
        return new Result(out, Math.round((System.nanoTime() - started) / 1e7) / 100.0);
    }

    private Step inspect(KeystoresManifest.Keystore k, Path target) {
        if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            return new Step(k, target, Action.CREATE, null);
        }
        String holds;
        if (k.isDirectory()) {
            if (!Files.isDirectory(target)) {
                holds = "it is a file, not a directory";
            } else {
                List<String> children = children(target);
                if (children.isEmpty()) {
                    return new Step(k, target, Action.CREATE, "empty directory");
                }
                if (matches(k, target)) {
                    return new Step(k, target, Action.ALREADY_DONE, "holds exactly the backed-up files");
                }
                holds = "holds " + children.size() + " entr" + (children.size() == 1 ? "y" : "ies") + ": " + String.join(", ", children.stream().limit(5).toList())
                        + (children.size() > 5 ? ", ..." : "");
            }
        } else {
            if (Files.isRegularFile(target) && matches(k, target)) {
                return new Step(k, target, Action.ALREADY_DONE, "holds exactly the backed-up file");
            }
            holds = "a different file exists there";
        }
        return new Step(k, target, replaceExisting ? Action.REPLACE : Action.REFUSE, holds);
    }

    /** True when the target holds exactly the manifest's files with the same content (modes are not compared). */
    static boolean matches(KeystoresManifest.Keystore k, Path target) {
        try {
            if (!k.isDirectory()) {
                KeystoresManifest.KeystoreFile f = k.files().get(0);
                return Files.size(target) == f.bytes() && f.sha256().equals(ChunkFiles.sha256Of(target));
            }
            List<String> present = new ArrayList<>();
            try (Stream<Path> walk = Files.walk(target)) {
                for (Path p : (Iterable<Path>) walk::iterator) {
                    if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                        present.add(target.relativize(p).toString().replace(java.io.File.separatorChar, '/'));
                    }
                }
            }
            if (present.size() != k.files().size()) {
                return false;
            }
            for (KeystoresManifest.KeystoreFile f : k.files()) {
                Path p = target.resolve(f.path());
                if (!Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) || Files.size(p) != f.bytes() || !f.sha256().equals(ChunkFiles.sha256Of(p))) {
                    return false;
                }
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private void checkStored(Path set, KeystoresManifest.Keystore k) {
        for (KeystoresManifest.KeystoreFile f : k.files()) {
            Path stored = SafePaths.resolveIn(set, f.stored().file());
            if (!Files.isRegularFile(stored)) {
                throw new MigrateException(ErrorCode.BACKUP_SET_CORRUPT, "keystore '" + k.name() + "': file " + stored + " (holding " + f.path()
                        + ") is missing from the backup set", "nothing was written; copy the complete backup set, or run the keystore backup again");
            }
            try {
                ChunkFiles.check(stored, f.stored().bytes(), f.stored().sha256());
            } catch (MigrateException e) {
                throw new MigrateException(e.code(), "keystore '" + k.name() + "': " + e.getMessage(), "nothing was written; " + e.hint(), e);
            }
        }
    }

    private String restoreDirectory(Path set, KeystoresManifest.Keystore k, Step s, BackupKey key) {
        Path target = s.target();
        boolean created = !Files.exists(target);
        Path staging = target.resolve(STAGING);
        try {
            PrivateFiles.createDirectories(target);
            org.mosipmigrate.core.set.PrivateFiles.deleteTree(staging);
            PrivateFiles.createDirectories(staging);
            for (KeystoresManifest.Directory d : k.directories()) {
                PrivateFiles.createDirectories(SafePaths.resolveIn(staging, d.path()));
            }
            for (KeystoresManifest.KeystoreFile f : k.files()) {
                writePlain(set, k, f, SafePaths.resolveIn(staging, f.path()), key);
            }
            List<KeystoresManifest.Directory> deepestFirst = new ArrayList<>(k.directories());
            deepestFirst.sort(Comparator.comparing((KeystoresManifest.Directory d) -> d.path().length()).reversed());
            for (KeystoresManifest.Directory d : deepestFirst) {
                Files.setPosixFilePermissions(SafePaths.resolveIn(staging, d.path()), KeystoresManifest.permissions(d.mode()));
            }
        } catch (IOException | RuntimeException e) {
            try {
                org.mosipmigrate.core.set.PrivateFiles.deleteTree(staging);
            } catch (IOException ignored) {
                // the original failure is what the operator needs
            }
            if (e instanceof MigrateException me) {
                throw me;
            }
            throw new MigrateException(ErrorCode.RUNTIME, "keystore '" + k.name() + "': cannot write into " + target + " (" + e.getClass().getSimpleName()
                    + ": " + e.getMessage() + ")", "check that this user can write there; the target was not changed", e);
        }
        try {
            String aside = null;
            if (s.action() == Action.REPLACE) {
                Path asideDir = target.resolveSibling(target.getFileName() + ".before-restore-" + ZonedDateTime.now(ZoneOffset.UTC).format(STAMP));
                Files.createDirectory(asideDir, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(KeystoresManifest.permissions("0700")));
                for (String child : children(target)) {
                    Files.move(target.resolve(child), asideDir.resolve(child));
                }
                aside = asideDir.toString();
            }
            for (String child : childrenOf(staging)) {
                Files.move(staging.resolve(child), target.resolve(child), StandardCopyOption.ATOMIC_MOVE);
            }
            Files.delete(staging);
            if (created && k.mode() != null) {
                Files.setPosixFilePermissions(target, KeystoresManifest.permissions(k.mode()));
            }
            org.mosipmigrate.core.json.Json.syncDirectory(target);
            return aside;
        } catch (IOException e) {
            throw new MigrateException(ErrorCode.RUNTIME, "keystore '" + k.name() + "': moving the restored files into " + target + " failed ("
                    + e.getClass().getSimpleName() + ": " + e.getMessage() + ")", "inspect " + target + " and its .before-restore-* sibling by hand", e);
        }
    }

    private String restoreFile(Path set, KeystoresManifest.Keystore k, Step s, BackupKey key) {
        Path target = s.target();
        Path partial = target.resolveSibling("." + target.getFileName() + ".mosip-migrate-partial");
        KeystoresManifest.KeystoreFile f = k.files().get(0);
        try {
            PrivateFiles.createDirectories(target.toAbsolutePath().getParent());
            writePlain(set, k, f, partial, key);
            String aside = null;
            if (s.action() == Action.REPLACE) {
                Path asideFile = target.resolveSibling(target.getFileName() + ".before-restore-" + ZonedDateTime.now(ZoneOffset.UTC).format(STAMP));
                Files.move(target, asideFile);
                aside = asideFile.toString();
            }
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
            org.mosipmigrate.core.json.Json.syncDirectory(target.toAbsolutePath().getParent());
            return aside;
        } catch (IOException e) {
            try {
                Files.deleteIfExists(partial);
            } catch (IOException ignored) {
                // report the original failure
            }
            throw new MigrateException(ErrorCode.RUNTIME, "keystore '" + k.name() + "': cannot write " + target + " (" + e.getClass().getSimpleName()
                    + ": " + e.getMessage() + ")", "check that this user can write there", e);
        } catch (RuntimeException e) {
            try {
                Files.deleteIfExists(partial);
            } catch (IOException ignored) {
                // report the original failure
            }
            throw e;
        }
    }

    /** Decrypts one stored file into {@code dest} (mode from the manifest) and checks plaintext size and SHA-256. */
    private void writePlain(Path set, KeystoresManifest.Keystore k, KeystoresManifest.KeystoreFile f, Path dest, BackupKey key) throws IOException {
        Path stored = SafePaths.resolveIn(set, f.stored().file());
        MessageDigest sha = ChunkFiles.sha256();
        long n;
        PrivateFiles.createDirectories(dest.getParent());
        try (InputStream in = new DigestInputStream(ChunkFiles.open(stored, f.stored().bytes(), f.stored().sha256(), key), sha);
             OutputStream out = PrivateFiles.newOutputStream(dest)) {
            n = in.transferTo(out);
        } catch (ChunkFiles.ChunkCorruptException e) {
            Files.deleteIfExists(dest);
            throw new MigrateException(ErrorCode.BACKUP_SET_CORRUPT, "keystore '" + k.name() + "': " + e.getMessage(),
                    "the target was not changed; use another copy of the backup set", e);
        }
        String actual = HexFormat.of().formatHex(sha.digest());
        if (n != f.bytes() || !actual.equals(f.sha256())) {
            Files.deleteIfExists(dest);
            throw new MigrateException(ErrorCode.BACKUP_SET_CORRUPT, "keystore '" + k.name() + "': " + f.path() + " decrypts to " + n
                    + " bytes with SHA-256 " + actual + ", the manifest says " + f.bytes() + " bytes, " + f.sha256(), "the target was not changed; use another copy of the backup set");
        }
        try (var ch = java.nio.channels.FileChannel.open(dest, java.nio.file.StandardOpenOption.WRITE)) {
            ch.force(true);
        }
        Files.setPosixFilePermissions(dest, KeystoresManifest.permissions(f.mode()));
    }

    private static List<String> children(Path dir) {
        return childrenOf(dir).stream().filter(n -> !n.equals(STAGING)).toList();
    }

    private static List<String> childrenOf(Path dir) {
        List<String> out = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                out.add(p.getFileName().toString());
            }
        } catch (IOException e) {
            throw new MigrateException(ErrorCode.RUNTIME, "cannot list " + dir + ": " + e.getMessage(), "check the permissions of the target directory", e);
        }
        out.sort(null);
        return out;
    }

    private Path set() {
        return Optional.ofNullable(cfg.backupSet()).orElseThrow(() -> new MigrateException(ErrorCode.CONFIG,
                cfg.file() + ": key 'backupSet' is required to restore keystores", "set backupSet to the backup set directory"));
    }

    private BackupKey key() {
        return cfg.encryption().load(env).orElse(null);
    }
}
