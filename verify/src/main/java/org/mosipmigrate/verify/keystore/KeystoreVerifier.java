package org.mosipmigrate.verify.keystore;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.mosipmigrate.core.config.KeystoresConfig;
import org.mosipmigrate.core.config.MigrationConfig;
import org.mosipmigrate.core.config.PasswordSource;
import org.mosipmigrate.core.config.Secret;
import org.mosipmigrate.core.crypto.BackupKey;
import org.mosipmigrate.core.error.ErrorCode;
import org.mosipmigrate.core.error.MigrateException;
import org.mosipmigrate.core.json.Json;
import org.mosipmigrate.core.run.Progress;
import org.mosipmigrate.core.set.ChunkFiles;
import org.mosipmigrate.core.set.KeystoreObject;
import org.mosipmigrate.core.set.KeystoresManifest;
import org.mosipmigrate.core.set.SafePaths;
import org.mosipmigrate.keystores.KeystoreInspector;

/**
 * Compares keystores on source, backup set and target. Without secrets: the files of each target (and of
 * the live source) against the manifest (or against the source when there is no manifest): paths, sizes,
 * SHA-256 and modes, plus the stored files of the set. With a keystore's PIN/password: opens source and
 * target, lists every object ({@link KeystoreInspector}; every PKCS#11 object of a token, not only what Java's
 * KeyStore view shows), runs a round trip with every private key (sign + verify) and secret key (encrypt + decrypt),
 * and compares the target's objects one by one with the backup set's object list (else the source's), and the
 * source's with the set's ({@link ObjectComparison}). A keystore that cannot be compared (no target entry, nothing to
 * compare the target with, no secret to open it) is a finding, never a pass. Certificates expiring within
 * {@code keystores.expiryWarningDays} are warnings. Reads only.
 */
public final class KeystoreVerifier {
    public static final String REPORT = "keystores-verify-report.json";

    public record FileFacts(long bytes, String sha256, String mode) {
    }

    /** {@code objectsComparedWith}: what the target's objects were compared with, one by one ("the backup set", "the source"), or null. */
    public record KeystoreResult(String name, String type, int files, List<String> sides, boolean opened,
                                 List<KeystoreObject> source, List<KeystoreObject> target, String objectsComparedWith) {
    }

    public record Report(String checkedAt, int expiryWarningDays, List<KeystoreResult> keystores, List<String> findings,
                         List<String> warnings, List<String> notes) {
        public boolean passed() {
            return findings.isEmpty();
        }

        public String renderTable() {
            StringBuilder sb = new StringBuilder();
            sb.append(String.format("%-12s %-8s %6s  %-28s %s%n", "keystore", "type", "files", "compared", "objects (round trips)"));
            for (KeystoreResult k : keystores) {
                List<KeystoreObject> shown = k.target() != null ? k.target() : k.source();
                String keys = !k.opened() ? "not opened" : summary(shown) + (k.objectsComparedWith() == null ? "" : ", compared with " + k.objectsComparedWith());
                sb.append(String.format("%-12s %-8s %6d  %-28s %s%n", k.name(), k.type(), k.files(), String.join("+", k.sides()), keys));
                if (k.opened() && shown != null) {
                    for (KeystoreObject e : shown) {
                        sb.append(String.format("    %-52s %-12s %-16s until %-22s %s%n", e.key(), e.kind(), e.algorithm() == null ? "-" : e.algorithm(),
                                e.notAfter() == null ? "-" : e.notAfter(), e.roundTrip() == null ? "" : roundTripName(e) + " " + e.roundTrip()));
                    }
                }
            }
            findings.forEach(f -> sb.append("DIFF ").append(f).append('\n'));
            warnings.forEach(w -> sb.append("WARN ").append(w).append('\n'));
            notes.forEach(n -> sb.append("NOTE ").append(n).append('\n'));
            sb.append(passed() ? "PASSED" : "FAILED").append(": ").append(keystores.size()).append(" keystore(s), ").append(findings.size())
              .append(" difference(s), ").append(warnings.size()).append(" warning(s)\n");
            return sb.toString();
        }

        public Path writeJson(Path dir) {
            Path f = dir.resolve(REPORT);
            try {
                org.mosipmigrate.core.set.PrivateFiles.createDirectories(dir);
                Json.writeAtomically(f, this);
            } catch (IOException e) {
                throw new MigrateException(ErrorCode.RUNTIME, "cannot write " + f + ": " + e.getMessage(), "check --report-dir", e);
            }
            return f;
        }
    }

    private final MigrationConfig cfg;
    private final Map<String, String> env;
    private final Progress progress;
    private final Instant now;
    private boolean crossCheckDb;

    /** Keystore name -> database.schema whose key_alias table describes it (keymanager's and IDA's). */
    public static final Map<String, String> KEY_ALIAS_TABLES = Map.of("kernel", "mosip_keymgr.keymgr", "ida", "mosip_ida.ida");

    public KeystoreVerifier(MigrationConfig cfg, Map<String, String> env, Progress progress) {
        this(cfg, env, progress, Instant.now());
    }

    /** Also compare each opened target keystore named in {@link #KEY_ALIAS_TABLES} with its key_alias rows. */
    public KeystoreVerifier crossCheckDb(boolean on) {
        this.crossCheckDb = on;
        return this;
    }

    KeystoreVerifier(MigrationConfig cfg, Map<String, String> env, Progress progress, Instant now) {
        this.cfg = cfg;
        this.env = env;
        this.progress = progress;
        this.now = now;
    }

    public Report run() {
        KeystoresConfig kc = cfg.keystores();
        List<String> findings = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        KeystoresManifest manifest = null;
        String noSet = "there is no backup set";
        if (cfg.backupSet() != null && KeystoresManifest.exists(cfg.backupSet())) {
            BackupKey key = key();
            if (key == null) {
                noSet = "the backup set's keystores cannot be read without the backup key";
                notes.add("the backup set's keystores are not compared: no backup key is configured to check their seal");
            } else {
                manifest = KeystoresManifest.read(cfg.backupSet(), key);
            }
        } else if (cfg.backupSet() != null) {
            noSet = "the backup set holds no keystores";
        }
        Set<String> names = new LinkedHashSet<>();
        if (manifest != null) {
            manifest.keystores().forEach(k -> names.add(k.name()));
        }
        kc.sources().forEach(s -> names.add(s.name()));
        kc.targets().forEach(t -> names.add(t.name()));
        if (names.isEmpty()) {
            throw new MigrateException(ErrorCode.CONFIG, cfg.file() + ": no keystores to verify (no source.keystores/target.keystores and no keystores in the backup set)",
                    "add the keystore sections (see docs/keystores.md)");
        }
        if (kc.targets().isEmpty()) {
            throw new MigrateException(ErrorCode.CONFIG, cfg.file() + ": target.keystores is not configured, so keystore(s) " + String.join(", ", names)
                    + " cannot be verified", "add target.keystores (see docs/keystores.md), or verify the other parts only: --only db,objects");
        }
        List<KeystoreResult> results = new ArrayList<>();
        for (String name : names) {
            KeystoresManifest.Keystore mk = manifest == null ? null : manifest.keystores().stream().filter(k -> k.name().equals(name)).findFirst().orElse(null);
            KeystoresConfig.Source src = kc.source(name).orElse(null);
            KeystoresConfig.Target tgt = kc.target(name).orElse(null);
            KeystoresConfig.Type type = src != null ? src.type() : mk != null ? KeystoresConfig.Type.parse(mk.type()) : null;
            String label = "keystore '" + name + "'";
            List<String> sides = new ArrayList<>();
            Path srcPath = src == null ? null : src.path();
            boolean srcThere = srcPath != null && Files.exists(srcPath);
            boolean tgtThere = tgt != null && Files.exists(tgt.path());
            if (srcPath != null && !srcThere) {
                notes.add(label + ": source " + srcPath + " is not reachable from here; not compared");
            }
            if (tgt == null) {
                findings.add(label + ": no target.keystores entry, so the restored keystore is not verified; add one for it");
            } else if (!tgtThere) {
                findings.add(label + ": target " + tgt.path() + " does not exist (not restored?)");
            }
            if (type == null) {
                findings.add(label + ": nothing to compare the target with: the keystore is neither in source.keystores nor in the backup set ("
                        + noSet + ")");
                results.add(new KeystoreResult(name, "?", 0, sides, false, null, null, null));
                continue;
            }
            boolean directory = type == KeystoresConfig.Type.SOFTHSM;
            Map<String, FileFacts> reference = null;
            String referenceName = null;
            if (mk != null) {
                sides.add("set");
                checkStored(mk, label, findings);
                reference = new TreeMap<>();
                for (KeystoresManifest.KeystoreFile f : mk.files()) {
                    reference.put(directory ? f.path() : "(file)", new FileFacts(f.bytes(), f.sha256(), f.mode()));
                }
                referenceName = "the backup set";
            }
            if (srcThere) {
                sides.add("source");
                Map<String, FileFacts> live = listing(srcPath, directory, label);
                if (reference == null) {
                    reference = live;
                    referenceName = "the source";
                } else {
                    compare(label + ": source " + srcPath + " vs the backup set", reference, live, findings, false);
                }
            }
            if (tgtThere) {
                sides.add("target");
                if (reference == null) {
                    findings.add(label + ": nothing to compare the target " + tgt.path() + " with: " + noSet + ", and the source "
                            + (srcPath == null ? "is not configured" : srcPath + " is not reachable"));
                } else {
                    compare(label + ": target " + tgt.path() + " vs " + referenceName, reference, listing(tgt.path(), directory, label), findings, true);
                }
            }
            int files = reference == null ? 0 : reference.size();
            PasswordSource secretSource = tgt != null && tgt.secret() != null ? tgt.secret() : src == null ? null : src.secret();
            if (secretSource == null) {
                findings.add(label + ": not opened: no " + (directory ? "pinEnv/pinFile" : "passwordEnv/passwordFile")
                        + " is configured, so its keys were neither listed nor used" + (reference != null && tgtThere ? " (only its files were compared)" : "")
                        + "; configure the secret to verify it");
                results.add(new KeystoreResult(name, type.label(), files, sides, false, null, null, null));
                continue;
            }
            Secret secret = secretSource.resolve(env, label);
            Secret srcSecret = src != null && src.secret() != null ? src.secret().resolve(env, label) : secret;
            List<KeystoreObject> srcKeys = null;
            List<KeystoreObject> tgtKeys = null;
            if (srcThere) {
                progress.info("keystores: " + name + ": opening the source " + srcPath);
                srcKeys = KeystoreInspector.inspect(type, srcPath, srcSecret, kc.pkcs11Library(), label + " (source " + srcPath + ")");
                checkKeys(label + " source", srcKeys, findings);
            }
            if (tgtThere) {
                progress.info("keystores: " + name + ": opening the target " + tgt.path());
                tgtKeys = KeystoreInspector.inspect(type, tgt.path(), secret, kc.pkcs11Library(), label + " (target " + tgt.path() + ")");
                checkKeys(label + " target", tgtKeys, findings);
            }
            List<KeystoreObject> setKeys = mk == null ? null : mk.objects();
            if (mk != null && setKeys == null) {
                notes.add(label + ": the backup set does not describe its objects (backed up without the PIN/password, or by an older release)");
            }
            String comparedWith = setKeys != null ? "the backup set" : srcKeys != null ? "the source" : null;
            if (tgtKeys != null) {
                if (comparedWith != null) {
                    ObjectComparison.compare(label + ": target " + tgt.path() + " vs " + comparedWith, setKeys != null ? setKeys : srcKeys, tgtKeys, directory,
                            findings);
                } else if (reference != null) {
                    notes.add(label + ": the target's objects are not compared one by one (no object list in the backup set and no source to open); "
                            + "its files were compared with " + referenceName);
                }
            }
            if (srcKeys != null && setKeys != null) {
                ObjectComparison.compare(label + ": source " + srcPath + " vs the backup set", setKeys, srcKeys, directory, findings);
            }
            if (crossCheckDb) {
                crossCheck(name, label, tgtKeys, findings, notes);
            }
            List<KeystoreObject> forExpiry = tgtKeys != null ? tgtKeys : srcKeys;
            if (forExpiry != null) {
                expiry(label, forExpiry, kc.expiryWarningDays(), warnings);
            }
            results.add(new KeystoreResult(name, type.label(), files, sides, srcKeys != null || tgtKeys != null, srcKeys, tgtKeys,
                    tgtKeys == null ? null : comparedWith));
        }
        return new Report(now.toString(), kc.expiryWarningDays(), results, findings, warnings, notes);
    }

    private void crossCheck(String name, String label, List<KeystoreObject> tgtKeys, List<String> findings, List<String> notes) {
        String table = KEY_ALIAS_TABLES.get(name);
        if (table == null) {
            notes.add(label + ": not cross-checked with a database (only keystores named " + String.join("/", new TreeMap<>(KEY_ALIAS_TABLES).keySet()) + " are)");
            return;
        }
        if (tgtKeys == null) {
            notes.add(label + ": not cross-checked with " + table + ".key_alias: the target keystore was not opened");
            return;
        }
        if (cfg.targetPg().isEmpty()) {
            throw new MigrateException(ErrorCode.CONFIG, cfg.file() + ": --cross-check-db needs target.postgres (the restored " + table + " database)", null);
        }
        String db = table.substring(0, table.indexOf('.'));
        String schema = table.substring(table.indexOf('.') + 1);
        try (java.sql.Connection c = new org.mosipmigrate.core.pg.PgConnector(cfg.targetPg().get(), env).open(db)) {
            List<KeyAliasCrossCheck.AliasRow> rows = KeyAliasCrossCheck.expectedRows(c, schema, label + " (target database " + db + ")");
            KeyAliasCrossCheck.compare(label + " vs " + table + ".key_alias", tgtKeys, rows, findings, notes);
        } catch (java.sql.SQLException e) {
            throw new MigrateException(ErrorCode.RUNTIME, label + ": target database " + db + ": " + e.getMessage(), null, e);
        }
    }

    private void checkStored(KeystoresManifest.Keystore mk, String label, List<String> findings) {
        for (KeystoresManifest.KeystoreFile f : mk.files()) {
            Path stored = SafePaths.resolveIn(cfg.backupSet(), f.stored().file());
            if (!Files.isRegularFile(stored)) {
                findings.add(label + ": backup set file " + f.stored().file() + " (holding " + f.path() + ") is missing");
                continue;
            }
            try {
                ChunkFiles.check(stored, f.stored().bytes(), f.stored().sha256());
            } catch (MigrateException e) {
                findings.add(label + ": " + e.getMessage());
            }
        }
    }

    /** Relative path (or "(file)" for a single keystore file) -> size, SHA-256, mode. */
    static Map<String, FileFacts> listing(Path root, boolean directory, String label) {
        Map<String, FileFacts> out = new TreeMap<>();
        try {
            if (!directory) {
                out.put("(file)", facts(root));
                return out;
            }
            try (Stream<Path> w = Files.walk(root)) {
                for (Path p : (Iterable<Path>) w::iterator) {
                    if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                        out.put(root.relativize(p).toString().replace(java.io.File.separatorChar, '/'), facts(p));
                    }
                }
            }
            return out;
        } catch (IOException e) {
            throw new MigrateException(ErrorCode.RUNTIME, label + ": cannot read " + root + " (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")",
                    "check that this user can read it", e);
        }
    }

    private static FileFacts facts(Path p) throws IOException {
        return new FileFacts(Files.size(p), ChunkFiles.sha256Of(p),
                KeystoresManifest.octal(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS)));
    }

    static void compare(String what, Map<String, FileFacts> expected, Map<String, FileFacts> actual, List<String> findings, boolean modes) {
        Set<String> all = new TreeSet<>(expected.keySet());
        all.addAll(actual.keySet());
        for (String f : all) {
            FileFacts e = expected.get(f);
            FileFacts a = actual.get(f);
            if (a == null) {
                findings.add(what + ": " + f + " is missing");
            } else if (e == null) {
                findings.add(what + ": " + f + " is extra (" + a.bytes() + " bytes)");
            } else if (e.bytes() != a.bytes() || !e.sha256().equals(a.sha256())) {
                findings.add(what + ": " + f + " differs (" + a.bytes() + " bytes, SHA-256 " + a.sha256().substring(0, 16) + "..., expected "
                        + e.bytes() + " bytes, " + e.sha256().substring(0, 16) + "...)");
            } else if (modes && !e.mode().equals(a.mode())) {
                findings.add(what + ": " + f + " has mode " + a.mode() + ", expected " + e.mode());
            }
        }
    }

    private static void checkKeys(String what, List<KeystoreObject> keys, List<String> findings) {
        if (keys.isEmpty()) {
            findings.add(what + ": holds no keys or certificates");
        }
        for (KeystoreObject e : keys) {
            if (e.failedRoundTrip()) {
                findings.add(what + ": " + e.key() + " " + e.kind() + ": " + roundTripName(e) + " " + e.roundTrip());
            }
        }
    }

    /** What the round trip of an object was: sign + verify for a private key, encrypt + decrypt for a secret key. */
    public static String roundTripName(KeystoreObject e) {
        return switch (e.kind()) {
            case KeystoreObject.PRIVATE_KEY -> "sign+verify";
            case KeystoreObject.SECRET_KEY -> "encrypt+decrypt";
            default -> "check";
        };
    }

    /** "5 objects, 2 private key(s) sign+verify ok, 1 secret key(s) encrypt+decrypt ok". */
    public static String summary(List<KeystoreObject> objects) {
        long priv = objects.stream().filter(o -> KeystoreObject.PRIVATE_KEY.equals(o.kind()) && "ok".equals(o.roundTrip())).count();
        long sec = objects.stream().filter(o -> KeystoreObject.SECRET_KEY.equals(o.kind()) && "ok".equals(o.roundTrip())).count();
        return objects.size() + " object" + (objects.size() == 1 ? "" : "s") + ", " + priv + " private key(s) sign+verify ok, " + sec
                + " secret key(s) encrypt+decrypt ok";
    }

    void expiry(String label, List<KeystoreObject> keys, int days, List<String> warnings) {
        for (KeystoreObject e : keys) {
            if (e.notAfter() == null) {
                continue;
            }
            Instant end = Instant.parse(e.notAfter());
            long left = Duration.between(now, end).toDays();
            if (end.isBefore(now)) {
                warnings.add(label + ": " + e.key() + ": certificate " + e.subject() + " EXPIRED on " + e.notAfter() + " (" + (-left) + " days ago)");
            } else if (end.isBefore(now.plus(Duration.ofDays(days)))) {
                warnings.add(label + ": " + e.key() + ": certificate " + e.subject() + " expires on " + e.notAfter() + " (in " + left + " days)");
            }
        }
    }

    private BackupKey key() {
        return cfg.encryption().load(env).orElse(null);
    }
}
