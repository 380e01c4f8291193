package org.mosipmigrate.engine.preflight;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.mosipmigrate.core.config.KeystoresConfig;
import org.mosipmigrate.core.config.Secret;
import org.mosipmigrate.core.error.ErrorCode;
import org.mosipmigrate.core.error.MigrateException;
import org.mosipmigrate.core.set.KeystoreObject;
import org.mosipmigrate.keystores.KeystoreInspector;

/**
 * Source keystores: the token directory or PKCS12 file is there and every file readable; with the PIN/password
 * configured, the keystore opens (a SoftHSM token is opened on a private copy, never in place) and every private key
 * signs and verifies; certificates that expired are listed. Backup refuses keystores without a backup key, so that is
 * checked too.
 */
final class KeystoreCheck implements Check {
    @Override
    public String name() {
        return "keystores";
    }

    @Override
    public void run(PreflightContext ctx, Findings out) {
        KeystoresConfig kc = ctx.config().keystores();
        if (kc.sources().isEmpty()) {
            return;
        }
        if (ctx.config().backupSet() != null && !ctx.config().encryption().configured()) {
            out.add(Finding.single("KEYSTORE_NEEDS_ENCRYPTION", name(), Severity.BLOCKING, "keystores are configured but no backup key: backup "
                    + "always encrypts keystores and refuses without one", "set encryption.keyFile or encryption.keyEnv (see docs/keystores.md)"));
        }
        long bytes = 0;
        for (KeystoresConfig.Source s : kc.sources()) {
            String what = "keystore '" + s.name() + "' (" + s.type().label() + " " + s.path() + ")";
            List<String> unreadable = new ArrayList<>();
            long size = files(s.path(), unreadable);
            if (size < 0) {
                out.add(Finding.single("KEYSTORE_MISSING", name(), Severity.BLOCKING, what + " does not exist", "fix source.keystores path"));
                continue;
            }
            bytes += size;
            if (!unreadable.isEmpty()) {
                out.add(Finding.listing("KEYSTORE_UNREADABLE", name(), Severity.BLOCKING, what + ": files this user cannot read", unreadable,
                        "run mosip-migrate as a user that can read the token directory (backup copies every file)"));
                continue;
            }
            if (s.type() == KeystoresConfig.Type.SOFTHSM && KeystoreInspector.tokens(s.path(), what).isEmpty()) {
                out.add(Finding.single("KEYSTORE_MISSING", name(), Severity.BLOCKING, what + " holds no token (no subdirectory with token.object)",
                        "point path at directories.tokendir of the softhsm2.conf keymanager uses"));
                continue;
            }
            if (s.secret() == null) {
                out.add(Finding.single("KEYSTORE_NO_SECRET", name(), Severity.WARNING, what + ": no PIN/password configured, so it was not opened",
                        "add pinEnv/pinFile (softhsm) or passwordEnv/passwordFile (pkcs12): verify needs it to prove every key works after the move"));
                continue;
            }
            open(ctx, out, kc, s, what);
        }
        ctx.keystoreBytes(bytes);
        out.fact("keystores.bytes", bytes);
    }

    private void open(PreflightContext ctx, Findings out, KeystoresConfig kc, KeystoresConfig.Source s, String what) {
        List<KeystoreObject> entries;
        try {
            Secret secret = s.secret().resolve(ctx.env(), what);
            entries = KeystoreInspector.inspect(s.type(), s.path(), secret, kc.pkcs11Library(), what);
        } catch (MigrateException e) {
            String id = e.code() == ErrorCode.AUTHENTICATION ? "KEYSTORE_PIN_REFUSED" : e.code() == ErrorCode.CONFIG ? "KEYSTORE_SECRET_UNSET" : "KEYSTORE_UNREADABLE";
            out.add(Finding.single(id, name(), Severity.BLOCKING, e.getMessage(), e.hint() != null ? e.hint() : "check the keystore and its secret"));
            return;
        }
        List<String> broken = entries.stream().filter(KeystoreObject::failedRoundTrip)
                .map(k -> k.key() + " " + k.kind() + ": " + k.roundTrip()).toList();
        Instant now = Instant.now();
        List<String> expired = entries.stream().filter(k -> k.notAfter() != null && Instant.parse(k.notAfter()).isBefore(now))
                .map(k -> k.key() + " (" + k.subject() + ") expired " + k.notAfter()).toList();
        if (!broken.isEmpty()) {
            out.add(Finding.listing("KEYSTORE_KEY_BROKEN", name(), Severity.BLOCKING, what + ": keys that fail their round trip (sign + verify, encrypt + decrypt)", broken,
                    "these keys do not work in V2 either; re-create them with keymanager before the move"));
        }
        if (!expired.isEmpty()) {
            out.add(Finding.listing("KEYSTORE_CERT_EXPIRED", name(), Severity.WARNING, what + ": certificates that have expired", expired,
                    "renew them with keymanager (they move as they are)"));
        }
        long signing = entries.stream().filter(k -> KeystoreObject.PRIVATE_KEY.equals(k.kind()) && "ok".equals(k.roundTrip())).count();
        long secret = entries.stream().filter(k -> KeystoreObject.SECRET_KEY.equals(k.kind()) && "ok".equals(k.roundTrip())).count();
        out.add(Finding.single("KEYSTORE_OK", name(), Severity.INFO, what + ": opened with the configured secret, " + entries.size() + " object"
                + (entries.size() == 1 ? "" : "s") + ", " + signing + " private key(s) sign and verify, " + secret + " secret key(s) encrypt and decrypt", ""));
    }

    /** Total size of the keystore's files, -1 when the path does not exist; unreadable files are added to the list. */
    private static long files(Path path, List<String> unreadable) {
        if (!Files.exists(path)) {
            return -1;
        }
        try (Stream<Path> w = Files.walk(path)) {
            long total = 0;
            for (Path p : (Iterable<Path>) w::iterator) {
                if (!Files.isReadable(p)) {
                    unreadable.add(p.toString());
                } else if (Files.isRegularFile(p)) {
                    total += Files.size(p);
                }
            }
            return total;
        } catch (IOException | java.io.UncheckedIOException e) {
            unreadable.add(path + " (" + e.getMessage() + ")");
            return 0;
        }
    }
}
