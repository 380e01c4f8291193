package org.mosipmigrate.keystores;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.mosipmigrate.core.config.KeystoresConfig;
import org.mosipmigrate.core.config.Secret;
import org.mosipmigrate.core.error.ErrorCode;
import org.mosipmigrate.core.error.MigrateException;
import org.mosipmigrate.core.json.Json;
import org.mosipmigrate.core.set.KeystoreObject;

/**
 * Opens a keystore with its secret and lists every object in it ({@link KeystoreObject}): for a SoftHSM token every
 * PKCS#11 object ({@link TokenObjects}), for a PKCS12 file every entry ({@link Pkcs12Objects}), each with its round
 * trip (sign + verify, encrypt + decrypt). PKCS12 files are opened in this process. SoftHSM tokens are never opened in place (a login rewrites
 * token.object, and verify must only read): each token directory is copied into a private temporary
 * token directory and opened by {@link Pkcs11Probe} in a child JVM whose SOFTHSM2_CONF points there; the
 * PIN goes to the child on stdin.
 */
public final class KeystoreInspector {
    private KeystoreInspector() {
    }

    /** @param what describes the keystore in messages, e.g. "keystore 'kernel' (target /restore/kernel/tokens)" */
    public static List<KeystoreObject> inspect(KeystoresConfig.Type type, Path path, Secret secret, Path pkcs11Library, String what) {
        return type == KeystoresConfig.Type.PKCS12 ? pkcs12(path, secret, what) : softhsm(path, secret, pkcs11Library, what);
    }

    static List<KeystoreObject> pkcs12(Path file, Secret secret, String what) {
        char[] pw = secret.reveal().toCharArray();
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            try {
                ks.load(in, pw);
            } catch (IOException e) {
                if (e.getCause() instanceof java.security.UnrecoverableKeyException || String.valueOf(e.getMessage()).contains("password")) {
                    throw new MigrateException(ErrorCode.AUTHENTICATION, what + ": the keystore password was refused",
                            "check the passwordEnv/passwordFile of this keystore");
                }
                throw new MigrateException(ErrorCode.RUNTIME, what + ": " + file + " is not a readable PKCS12 keystore (" + e.getMessage() + ")",
                        "check the path and the file", e);
            }
            return Pkcs12Objects.list(ks, file.getFileName().toString(), pw);
        } catch (MigrateException e) {
            throw e;
        } catch (Exception e) {
            throw new MigrateException(ErrorCode.RUNTIME, what + ": cannot read " + file + " (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")",
                    "check the path and the file's permissions", e);
        } finally {
            java.util.Arrays.fill(pw, '\0');
        }
    }

    static List<KeystoreObject> softhsm(Path tokenDir, Secret pin, Path library, String what) {
        if (!Files.isRegularFile(library)) {
            throw new MigrateException(ErrorCode.CONFIG, what + ": the PKCS#11 library " + library + " does not exist",
                    "install softhsm2 (apt-get install softhsm2) or set keystores.pkcs11Library");
        }
        List<KeystoreObject> out = new ArrayList<>();
        for (Path token : tokens(tokenDir, what)) {
            out.addAll(probe(token, pin, library, what));
        }
        return out;
    }

    /** The token directories (those holding token.object), by name. */
    public static List<Path> tokens(Path tokenDir, String what) {
        try (Stream<Path> s = Files.list(tokenDir)) {
            return s.filter(p -> Files.isRegularFile(p.resolve("token.object"), LinkOption.NOFOLLOW_LINKS)).sorted().toList();
        } catch (IOException e) {
            throw new MigrateException(ErrorCode.RUNTIME, what + ": cannot list " + tokenDir + " (" + e.getClass().getSimpleName() + ")",
                    "check the path and its permissions", e);
        }
    }

    private static List<KeystoreObject> probe(Path token, Secret pin, Path library, String what) {
        String name = token.getFileName().toString();
        Path tmp = null;
        try {
            tmp = Files.createTempDirectory("mosip-migrate-token-", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            Path copy = tmp.resolve("tokens").resolve(name);
            copyTree(token, copy);
            Path conf = tmp.resolve("softhsm2.conf");
            Files.writeString(conf, "directories.tokendir = " + tmp.resolve("tokens") + "\nobjectstore.backend = file\nlog.level = ERROR\nslots.removable = false\n");
            Path err = tmp.resolve("probe.err");
            // java.io.tmpdir: the wrapper unpacks its native library there, inside the private directory removed below
            ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx128m",
                    "-Djava.io.tmpdir=" + tmp, "-cp", System.getProperty("java.class.path"), Pkcs11Probe.class.getName(), library.toString(), name)
                    .redirectError(err.toFile());
            // the child gets a minimal environment: no variable of ours (PIN variables included) travels along
            pb.environment().keySet().retainAll(java.util.Set.of("PATH", "LANG", "LC_ALL", "TMPDIR", "HOME"));
            pb.environment().put("SOFTHSM2_CONF", conf.toString());
            Process p = pb.start();
            try (OutputStream stdin = p.getOutputStream()) {
                stdin.write((pin.reveal() + "\n").getBytes(StandardCharsets.UTF_8));
            }
            byte[] stdout = p.getInputStream().readAllBytes();
            if (!p.waitFor(180, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new MigrateException(ErrorCode.RUNTIME, what + ": token " + name + ": opening it took longer than 180 s", null);
            }
            String message = Files.readString(err).strip();
            if (p.exitValue() == Pkcs11Probe.LOGIN_FAILED) {
                throw new MigrateException(ErrorCode.AUTHENTICATION, what + ": token " + name + ": " + message,
                        "check the pinEnv/pinFile of this keystore (restore keeps the V2 PIN)");
            }
            if (p.exitValue() != 0) {
                throw new MigrateException(ErrorCode.RUNTIME, what + ": token " + name + ": " + message, "check the token directory and keystores.pkcs11Library");
            }
            return Json.MAPPER.readValue(stdout, new TypeReference<List<KeystoreObject>>() { });
        } catch (IOException e) {
            throw new MigrateException(ErrorCode.RUNTIME, what + ": token " + name + ": " + e.getClass().getSimpleName() + ": " + e.getMessage(), null, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MigrateException(ErrorCode.RUNTIME, what + ": interrupted", null, e);
        } finally {
            if (tmp != null) {
                try (Stream<Path> w = Files.walk(tmp)) {
                    for (Path x : w.sorted(Comparator.reverseOrder()).toList()) {
                        Files.deleteIfExists(x);
                    }
                } catch (IOException ignored) {
                    // best effort: a private temp dir
                }
            }
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> w = Files.walk(from)) {
            for (Path src : (Iterable<Path>) w::iterator) {
                Path dst = to.resolve(from.relativize(src).toString());
                if (Files.isDirectory(src, LinkOption.NOFOLLOW_LINKS)) {
                    Files.createDirectories(dst, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                } else if (Files.isRegularFile(src, LinkOption.NOFOLLOW_LINKS)) {
                    Files.copy(src, dst);
                    Files.setPosixFilePermissions(dst, PosixFilePermissions.fromString("rw-------"));
                }
            }
        }
    }
}
