package org.mosipmigrate.core.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.mosipmigrate.core.error.ErrorCode;
import org.mosipmigrate.core.error.MigrateException;

/**
 * Where a password comes from. Plain values are deliberately impossible: an environment variable,
 * a file, or the libpq conventions (PGPASSWORD, then ~/.pgpass, resolved by pgjdbc).
 */
public record PasswordSource(Kind kind, String reference) {
    public enum Kind { ENV, FILE, LIBPQ }

    public static PasswordSource libpq() {
        return new PasswordSource(Kind.LIBPQ, null);
    }

    /** Resolves the password now; LIBPQ answers null so that pgjdbc applies PGPASSWORD/.pgpass itself. */
    public Secret resolve(Map<String, String> env, String describedAs) {
        switch (kind) {
            case ENV -> {
                String v = env.get(reference);
                if (v == null) {
                    throw new MigrateException(ErrorCode.CONFIG,
                            describedAs + ": environment variable " + reference + " is not set",
                            "export " + reference + " before running, or use passwordFile");
                }
                return Secret.of(v);
            }
            case FILE -> {
                try {
                    String v = Files.readString(Path.of(reference), StandardCharsets.UTF_8);
                    return Secret.of(v.strip());
                } catch (IOException e) {
                    throw new MigrateException(ErrorCode.CONFIG,
                            describedAs + ": cannot read password file " + reference + " (" + e.getClass().getSimpleName() + ")",
                            "check that the file exists and is readable by this user");
                }
            }
            default -> {
                String v = env.get("PGPASSWORD");
                return v == null ? null : Secret.of(v);
            }
        }
    }

    @Override
    public String toString() {
        return kind == Kind.LIBPQ ? "libpq(PGPASSWORD/.pgpass)" : kind.name().toLowerCase() + ":" + reference;
    }
}
