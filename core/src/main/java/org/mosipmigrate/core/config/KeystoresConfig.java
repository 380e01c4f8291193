package org.mosipmigrate.core.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The keystore part of a migration: SoftHSM token directories and PKCS12 files on the source side, where
 * each goes on the target side, and how verify treats certificate expiry. Secrets are references (an
 * environment variable or a file), resolved only by the code that opens a keystore.
 */
public record KeystoresConfig(List<Source> sources, List<Target> targets, int expiryWarningDays, Path pkcs11Library) {
    public static final Path DEFAULT_PKCS11_LIBRARY = Path.of("/usr/lib/softhsm/libsofthsm2.so");
    public static final KeystoresConfig NONE = new KeystoresConfig(List.of(), List.of(), 90, DEFAULT_PKCS11_LIBRARY);

    public enum Type {
        SOFTHSM, PKCS12;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        public static Type parse(String s) {
            return switch (s == null ? "" : s.toLowerCase(java.util.Locale.ROOT)) {
                case "softhsm", "softhsm2" -> SOFTHSM;
                case "pkcs12", "p12" -> PKCS12;
                default -> null;
            };
        }
    }

    /** A source keystore: a SoftHSM token directory (directories.tokendir) or one PKCS12 file. {@code secret} may be null. */
    public record Source(String name, Type type, Path path, PasswordSource secret) {
    }

    /** Where a keystore goes; {@code secret} overrides the source's PIN/password for verifying it (null = same as the source). */
    public record Target(String name, Path path, PasswordSource secret) {
    }

    public KeystoresConfig {
        sources = sources == null ? List.of() : List.copyOf(sources);
        targets = targets == null ? List.of() : List.copyOf(targets);
        pkcs11Library = pkcs11Library == null ? DEFAULT_PKCS11_LIBRARY : pkcs11Library;
    }

    public boolean configured() {
        return !sources.isEmpty() || !targets.isEmpty();
    }

    public Optional<Source> source(String name) {
        return sources.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    public Optional<Target> target(String name) {
        return targets.stream().filter(t -> t.name().equals(name)).findFirst();
    }
}
