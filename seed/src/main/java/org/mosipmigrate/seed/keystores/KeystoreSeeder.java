package org.mosipmigrate.seed.keystores;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.mosipmigrate.core.config.KeystoresConfig;
import org.mosipmigrate.core.error.ErrorCode;
import org.mosipmigrate.core.error.MigrateException;
import org.mosipmigrate.core.run.Progress;

/**
 * The keystore part of {@code seed-v2}: each configured source keystore is created with {@value #KEYS} EC key pairs
 * (self-signed certificates valid 2021-01-01 to 2032): a SoftHSM token directory holding one token labelled with the
 * keystore's name and its configured PIN, or a PKCS12 file with its configured password. Key labels are derived from
 * the seed; key material, certificates and token files are random (SoftHSM and keytool do not take a seed), so unlike
 * rows and objects they differ between runs. The token's SO PIN is random and not kept: nobody needs it for a
 * synthetic token. A marker file beside the keystore lets {@code --clean} replace only what seed-v2 made.
 */
public final class KeystoreSeeder {
    public static final int KEYS = 3;
    static final String MARKER_SUFFIX = ".seed-v2";

    public record Created(String name, String type, Path path, int keys) {
    }

    private final KeystoresConfig config;
    private final Map<String, String> env;
    private final Progress progress;

    public KeystoreSeeder(KeystoresConfig config, Map<String, String> env, Progress progress) {
        this.config = config;
        this.env = env;
        this.progress = progress;
    }

    /** Refuses (before anything is written) keystores without a secret, and existing ones seed-v2 did not make or --clean does not allow. */
    public void check(boolean clean) {
        for (KeystoresConfig.Source s : config.sources()) {
            if (s.secret() == null) {
                throw new MigrateException(ErrorCode.CONFIG, "seed-v2: keystore '" + s.name() + "' has no " + (s.type() == KeystoresConfig.Type.SOFTHSM
                        ? "pinEnv/pinFile" : "passwordEnv/passwordFile"), "seed-v2 creates the keystore with that secret; add it to source.keystores");
            }
            s.secret().resolve(env, "keystore '" + s.name() + "'");
            if (Files.exists(s.path()) && !isEmptyDir(s.path())) {
                if (!Files.exists(marker(s.path()))) {
                    throw new MigrateException(ErrorCode.TARGET_NOT_EMPTY, "seed-v2: keystore '" + s.name() + "' at " + s.path()
                            + " already exists and was not made by seed-v2", "seed-v2 never replaces a real keystore; point source.keystores at a new path");
                }
                if (!clean) {
                    throw new MigrateException(ErrorCode.TARGET_NOT_EMPTY, "seed-v2: keystore '" + s.name() + "' at " + s.path()
                            + " exists from an earlier seed-v2 run", "pass --clean to replace it");
                }
            }
        }
    }

    public List<Created> create(long seed) {
        List<Created> out = new ArrayList<>();
        for (KeystoresConfig.Source s : config.sources()) {
            String secret = s.secret().resolve(env, "keystore '" + s.name() + "'").reveal();
            try {
                delete(s.path());
                Files.deleteIfExists(marker(s.path()));
                Path work = Files.createTempDirectory("mosip-migrate-seed-", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                try {
                    if (s.type() == KeystoresConfig.Type.PKCS12) {
                        Files.createDirectories(s.path().toAbsolutePath().getParent());
                        genKeys(s.path(), secret, seed, s.name());
                    } else {
                        Files.createDirectories(s.path(), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                        SoftHsmTokens.initToken(s.path(), s.name(), randomPin(), secret);
                        Path p12 = work.resolve("keys.p12");
                        String p12Password = randomPin();
                        genKeys(p12, p12Password, seed, s.name());
                        SoftHsmTokens.importKeys(s.path(), config.pkcs11Library(), secret, p12, p12Password, 0);
                        Files.deleteIfExists(s.path().resolveSibling(s.path().getFileName() + "-softhsm2.conf"));
                    }
                } finally {
                    delete(work);
                }
                Files.writeString(marker(s.path()), "made by mosip-migrate seed-v2 (synthetic keys); --clean may replace " + s.path() + "\n");
                progress.info("seed-v2: keystore '" + s.name() + "' (" + s.type().label() + ") created at " + s.path() + " with " + KEYS + " keys");
                out.add(new Created(s.name(), s.type().label(), s.path(), KEYS));
            } catch (IOException e) {
                throw new MigrateException(ErrorCode.RUNTIME, "seed-v2: cannot create keystore '" + s.name() + "' at " + s.path() + ": " + e.getMessage(), null, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new MigrateException(ErrorCode.RUNTIME, "seed-v2: interrupted", null, e);
            }
        }
        return out;
    }

    /** Key labels as keymanager makes them (UUIDs), derived from the seed and the keystore name. */
    static String label(long seed, String keystore, int i) {
        return UUID.nameUUIDFromBytes(("seed-v2/" + seed + "/" + keystore + "/" + i).getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString();
    }

    private static void genKeys(Path p12, String password, long seed, String keystore) throws IOException, InterruptedException {
        for (int i = 1; i <= KEYS; i++) {
            SoftHsmTokens.genKeyPair(p12, password, label(seed, keystore, i), "EC", List.of("-startdate", "2021/01/01 00:00:00", "-validity", "4018"));
        }
    }

    /** The marker seed-v2 leaves beside a keystore it made (outside it: backup copies every file of a token directory). */
    static Path marker(Path keystore) {
        return keystore.toAbsolutePath().resolveSibling(keystore.getFileName() + MARKER_SUFFIX);
    }

    private static String randomPin() {
        byte[] b = new byte[12];
        new SecureRandom().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    private static boolean isEmptyDir(Path p) {
        if (!Files.isDirectory(p)) {
            return false;
        }
        try (Stream<Path> s = Files.list(p)) {
            return s.findAny().isEmpty();
        } catch (IOException e) {
            return false;
        }
    }

    private static void delete(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> w = Files.walk(p)) {
            for (Path x : w.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(x);
            }
        }
    }
}
