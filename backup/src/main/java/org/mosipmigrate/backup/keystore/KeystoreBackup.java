package org.mosipmigrate.backup.keystore;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.mosipmigrate.core.config.KeystoresConfig;
import org.mosipmigrate.core.config.MigrationConfig;
import org.mosipmigrate.core.crypto.BackupKey;
import org.mosipmigrate.core.error.ErrorCode;
import org.mosipmigrate.core.error.MigrateException;
import org.mosipmigrate.core.run.Progress;
import org.mosipmigrate.core.set.ChunkFiles;
import org.mosipmigrate.core.set.KeystoreObject;
import org.mosipmigrate.core.set.KeystoresManifest;
import org.mosipmigrate.core.set.Manifest;
import org.mosipmigrate.core.set.SafePaths;
import org.mosipmigrate.keystores.KeystoreInspector;

/**
 * Copies SoftHSM token directories and PKCS12 files into the backup set, file by file, always encrypted
 * (zstd + AES-256-GCM via {@link ChunkFiles}), with relative path, mode, size and SHA-256 of every file in
 * {@code keystores/manifest.json}. With a keystore's PIN/password it also describes every object in it (label, id,
 * type, size/curve, extractable/sensitive, public-key fingerprint, KCV of secret keys; never key material), read on a
 * private copy ({@link KeystoreInspector}), so that verify can compare the restored keystore object by object without
 * the live source. Every keystore is opened before the first file is written: a refused PIN stops the backup with
 * nothing written. Without the secret the files are still copied and the manifest says the objects are not described.
 */
public final class KeystoreBackup {
    public static final String DIR = "keystores";

    private final MigrationConfig cfg;
    private final Map<String, String> env;
    private final Progress progress;

    public KeystoreBackup(MigrationConfig cfg, Map<String, String> env, Progress progress) {
        this.cfg = cfg;
        this.env = env;
        this.progress = progress;
    }

    /** A file found in a source keystore, with what it looked like when it was listed. */
    public record SourceFile(String path, Path absolute, String mode, long bytes, FileTime modified) {
    }

    public record PlannedKeystore(KeystoresConfig.Source source, String dir, String mode, int tokens,
                                  List<KeystoresManifest.Directory> directories, List<SourceFile> files) {
        public long bytes() {
            return files.stream().mapToLong(SourceFile::bytes).sum();
        }
    }

    public record Plan(Path backupSet, boolean alreadyComplete, List<PlannedKeystore> keystores) {
        public String render() {
            StringBuilder sb = new StringBuilder("keystores -> " + backupSet + "/" + DIR + " (encrypted)\n");
            for (PlannedKeystore k : keystores) {
                sb.append(String.format("  %-12s %-8s %s: %s%d file(s), %d bytes; objects %s%n", k.source().name(), k.source().type().label(), k.source().path(),
                        k.source().type() == KeystoresConfig.Type.SOFTHSM ? k.tokens() + " token(s), " : "", k.files().size(), k.bytes(),
                        k.source().secret() == null ? "NOT described (no PIN/password configured)" : "described with the PIN/password"));
            }
            return sb.toString();
        }
    }

    /** {@code objects}: objects described in the set; {@code notDescribed}: keystores backed up without their secret (files only). */
    public record Result(String backupSet, boolean alreadyComplete, int keystores, int files, long bytes, List<String> names, int objects,
                         List<String> notDescribed, double seconds) {
    }

    /** Lists every source keystore (reads only). */
    public Plan plan() {
        Path set = requireSet();
        requireKey();
        List<KeystoresConfig.Source> sources = cfg.keystores().sources();
        if (sources.isEmpty()) {
            throw new MigrateException(ErrorCode.CONFIG, cfg.file() + ": no source.keystores configured", "add source.keystores (see docs/keystores.md)");
        }
        List<PlannedKeystore> out = new ArrayList<>();
        int i = 1;
        for (KeystoresConfig.Source s : sources) {
            String dir = DIR + "/" + String.format("%03d-%s", i++, SafePaths.sanitize(s.name()));
            out.add(s.type() == KeystoresConfig.Type.SOFTHSM ? scanTokenDir(s, dir) : scanFile(s, dir));
        }
        return new Plan(set, KeystoresManifest.exists(set), out);
    }

    public Result execute(Plan plan) {
        long started = System.nanoTime();
        BackupKey key = requireKey();
        Path set = plan.backupSet();
        if (plan.alreadyComplete()) {
            KeystoresManifest m = KeystoresManifest.read(set, key);
            progress.info("keystores: backup set already holds " + m.keystores().size() + " keystore(s); nothing to do");
            return new Result(set.toString(), true, m.keystores().size(), m.keystores().stream().mapToInt(k -> k.files().size()).sum(),
                    m.keystores().stream().mapToLong(KeystoresManifest.Keystore::bytes).sum(),
                    m.keystores().stream().map(KeystoresManifest.Keystore::name).toList(),
                    m.keystores().stream().mapToInt(k -> k.objects() == null ? 0 : k.objects().size()).sum(),
                    m.keystores().stream().filter(k -> k.objects() == null).map(KeystoresManifest.Keystore::name).toList(), seconds(started));
        }
        Map<String, List<KeystoreObject>> described = describe(plan);
        List<KeystoresManifest.Keystore> entries = new ArrayList<>();
        int files = 0;
        long bytes = 0;
        for (PlannedKeystore k : plan.keystores()) {
            List<KeystoresManifest.KeystoreFile> written = new ArrayList<>();
            int n = 0;
            for (SourceFile f : k.files()) {
                String stored = k.dir() + "/" + String.format("%04d.zst.enc", n++);
                written.add(copy(k, f, set, stored, key));
            }
            progress.info("keystores: " + k.source().name() + ": " + written.size() + " file(s), " + k.bytes() + " bytes encrypted into " + k.dir());
            entries.add(new KeystoresManifest.Keystore(k.source().name(), k.source().type().label(), k.source().path().toString(),
                    k.source().type() == KeystoresConfig.Type.SOFTHSM ? "directory" : "file", k.mode(), k.tokens(), k.directories(), written,
                    described.get(k.source().name())));
            files += written.size();
            bytes += k.bytes();
        }
        new KeystoresManifest(KeystoresManifest.FORMAT, KeystoresManifest.FORMAT_VERSION, UUID.randomUUID().toString(), Instant.now().toString(),
                "mosip-migrate", new Manifest.EncryptionInfo(key.keyId(), "AES-256-GCM, 64 KiB records, HKDF-SHA256 per-file keys", KeystoresManifest.SEAL),
                entries).write(set, key);
        return new Result(set.toString(), false, entries.size(), files, bytes, entries.stream().map(KeystoresManifest.Keystore::name).toList(),
                described.values().stream().mapToInt(List::size).sum(),
                entries.stream().filter(e -> e.objects() == null).map(KeystoresManifest.Keystore::name).toList(), seconds(started));
    }

    /** Opens every keystore that has a secret (on a private copy) and lists its objects; before any file is written. */
    private Map<String, List<KeystoreObject>> describe(Plan plan) {
        Map<String, List<KeystoreObject>> out = new java.util.HashMap<>();
        for (PlannedKeystore k : plan.keystores()) {
            KeystoresConfig.Source s = k.source();
            String what = "keystore '" + s.name() + "' (source " + s.path() + ")";
            if (s.secret() == null) {
                progress.info("keystores: " + s.name() + ": no " + (s.type() == KeystoresConfig.Type.SOFTHSM ? "pinEnv/pinFile" : "passwordEnv/passwordFile")
                        + " configured: its files are backed up, but its objects are not described in the set (verify will need the live source)");
                continue;
            }
            progress.info("keystores: " + s.name() + ": listing its objects");
            List<KeystoreObject> objects = KeystoreInspector.inspect(s.type(), s.path(), s.secret().resolve(env, what), cfg.keystores().pkcs11Library(), what);
            List<String> broken = objects.stream().filter(KeystoreObject::failedRoundTrip).map(o -> o.key() + " " + o.kind() + ": " + o.roundTrip()).toList();
            if (!broken.isEmpty()) {
                // recorded as they are: the move must not hide a key that is already broken on the source
                progress.info("keystores: " + s.name() + ": WARNING " + broken.size() + " object(s) fail their round trip on the source: " + String.join("; ", broken));
            }
            out.put(s.name(), objects);
        }
        return out;
    }

    private KeystoresManifest.KeystoreFile copy(PlannedKeystore k, SourceFile f, Path set, String stored, BackupKey key) {
        MessageDigest plain = ChunkFiles.sha256();
        ChunkFiles.Result<Void> r;
        try {
            r = ChunkFiles.write(SafePaths.resolveIn(set, stored), cfg.compressionLevel(), key, out -> {
                try (InputStream in = new DigestInputStream(Files.newInputStream(f.absolute(), LinkOption.NOFOLLOW_LINKS), plain)) {
                    in.transferTo(out);
                }
                return null;
            });
        } catch (MigrateException e) {
            throw e;
        } catch (Exception e) {
            throw new MigrateException(ErrorCode.RUNTIME, "keystore '" + k.source().name() + "': cannot copy " + f.absolute() + " ("
                    + e.getClass().getSimpleName() + ": " + e.getMessage() + ")", "check that the file is readable by this user", e);
        }
        try {
            BasicFileAttributes after = Files.readAttributes(f.absolute(), BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (after.size() != f.bytes() || !after.lastModifiedTime().equals(f.modified()) || r.file().rawBytes() != f.bytes()) {
                throw new MigrateException(ErrorCode.RUNTIME, "keystore '" + k.source().name() + "': " + f.absolute()
                        + " changed while it was being backed up", "stop the services that use this keystore (keymanager) and run the backup again in a new backup set directory");
            }
        } catch (IOException e) {
            throw new MigrateException(ErrorCode.RUNTIME, "keystore '" + k.source().name() + "': " + f.absolute() + " disappeared during the backup",
                    "stop the services that use this keystore and run the backup again", e);
        }
        return new KeystoresManifest.KeystoreFile(f.path(), f.mode(), f.bytes(), HexFormat.of().formatHex(plain.digest()),
                new Manifest.FileRef(stored, r.file().bytes(), r.file().sha256()));
    }

    private PlannedKeystore scanTokenDir(KeystoresConfig.Source s, String dir) {
        Path root = s.path();
        if (!Files.isDirectory(root)) {
            throw new MigrateException(ErrorCode.CONFIG, "keystore '" + s.name() + "': " + root + " is not a directory",
                    "for type softhsm, path is the SoftHSM token directory (directories.tokendir of softhsm2.conf)");
        }
        List<KeystoresManifest.Directory> dirs = new ArrayList<>();
        List<SourceFile> files = new ArrayList<>();
        try {
            Path real = root.toRealPath();
            Files.walkFileTree(real, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) throws IOException {
                    if (!d.equals(real)) {
                        dirs.add(new KeystoresManifest.Directory(relative(real, d), mode(d)));
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) throws IOException {
                    if (!attrs.isRegularFile()) {
                        throw new MigrateException(ErrorCode.CONFIG, "keystore '" + s.name() + "': " + f + " is not a regular file (a link or a device)",
                                "a SoftHSM token directory holds only directories and regular files; check the path");
                    }
                    files.add(new SourceFile(relative(real, f), f, mode(f), attrs.size(), attrs.lastModifiedTime()));
                    return FileVisitResult.CONTINUE;
                }
            });
            files.sort(java.util.Comparator.comparing(SourceFile::path));
            dirs.sort(java.util.Comparator.comparing(KeystoresManifest.Directory::path));
            int tokens = 0;
            try (var list = Files.list(real)) {
                for (Path p : (Iterable<Path>) list::iterator) {
                    if (Files.isRegularFile(p.resolve("token.object"))) {
                        tokens++;
                    }
                }
            }
            if (tokens == 0) {
                throw new MigrateException(ErrorCode.CONFIG, "keystore '" + s.name() + "': " + root + " holds no SoftHSM token (no <dir>/token.object)",
                        "path must be the token directory (directories.tokendir of softhsm2.conf), e.g. /softhsm/tokens");
            }
            return new PlannedKeystore(s, dir, mode(real), tokens, dirs, files);
        } catch (IOException e) {
            throw new MigrateException(ErrorCode.RUNTIME, "keystore '" + s.name() + "': cannot list " + root + " (" + e.getClass().getSimpleName() + ": "
                    + e.getMessage() + ")", "check that this user can read the token directory", e);
        }
    }

    private PlannedKeystore scanFile(KeystoresConfig.Source s, String dir) {
        Path file = s.path();
        try {
            if (!Files.isRegularFile(file)) {
                throw new MigrateException(ErrorCode.CONFIG, "keystore '" + s.name() + "': " + file + " is not a file",
                        "for type pkcs12, path is the .p12 keystore file");
            }
            Path real = file.toRealPath();
            BasicFileAttributes a = Files.readAttributes(real, BasicFileAttributes.class);
            return new PlannedKeystore(s, dir, null, 0, List.of(),
                    List.of(new SourceFile(file.getFileName().toString(), real, mode(real), a.size(), a.lastModifiedTime())));
        } catch (IOException e) {
            throw new MigrateException(ErrorCode.RUNTIME, "keystore '" + s.name() + "': cannot read " + file + " (" + e.getClass().getSimpleName() + ")",
                    "check that this user can read the keystore file", e);
        }
    }

    static String relative(Path root, Path p) {
        return root.relativize(p).toString().replace(java.io.File.separatorChar, '/');
    }

    static String mode(Path p) throws IOException {
        return KeystoresManifest.octal(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS));
    }

    private Path requireSet() {
        if (cfg.backupSet() == null) {
            throw new MigrateException(ErrorCode.CONFIG, cfg.file() + ": key 'backupSet' is required for a keystore backup", "set backupSet to a directory");
        }
        return cfg.backupSet();
    }

    private BackupKey requireKey() {
        return cfg.encryption().load(env).orElseThrow(() -> new MigrateException(ErrorCode.CONFIG,
                cfg.file() + ": keystores are only ever stored encrypted, and no backup key is configured",
                "configure encryption.keyFile or encryption.keyEnv (see docs/keystores.md); nothing was written"));
    }

    private static double seconds(long started) {
        return Math.round((System.nanoTime() - started) / 1e7) / 100.0;
    }
}
