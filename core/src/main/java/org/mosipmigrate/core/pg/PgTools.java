package org.mosipmigrate.core.pg;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.mosipmigrate.core.error.ErrorCode;
import org.mosipmigrate.core.error.MigrateException;

/** Runs pg_dump / pg_restore (schema only: data never goes through them) with secrets kept off argv. */
public final class PgTools {
    private final Path binDir;

    public PgTools(Path configuredBinDir) {
        this.binDir = configuredBinDir != null ? configuredBinDir : defaultBinDir();
    }

    private static Path defaultBinDir() {
        Path root = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(root)) {
            try (Stream<Path> s = Files.list(root)) {
                return s.filter(p -> Files.isExecutable(p.resolve("bin/pg_dump")))
                        .max(Comparator.comparingInt(p -> parseIntOr(p.getFileName().toString())))
                        .map(p -> p.resolve("bin")).orElse(null);
            } catch (IOException e) {
                return null;
            }
        }
        return null;
    }

    private static int parseIntOr(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    public String executable(String name) {
        return binDir == null ? name : binDir.resolve(name).toString();
    }

    /** Major version of the tool, e.g. 15; used to refuse dumping a server newer than pg_dump. */
    public int majorVersion(String tool) {
        String out = run(List.of(executable(tool), "--version"), null, null).trim();
        // "pg_dump (PostgreSQL) 15.18 (Debian ...)"
        String[] parts = out.split("\\s+");
        for (String p : parts) {
            if (!p.isEmpty() && Character.isDigit(p.charAt(0))) {
                return Integer.parseInt(p.split("\\.")[0]);
            }
        }
        throw new MigrateException(ErrorCode.EXTERNAL_TOOL, "cannot read the version of " + tool + " from: " + out, null);
    }

    /** Runs a command; on failure throws with its stderr. The libpq env carries host, user and .pgpass. */
    public String run(List<String> command, PgConnector.LibpqEnv env, String describedItem) {
        ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(command));
        if (env != null) {
            if (env.passFile() != null) {
                // libpq prefers PGPASSWORD over PGPASSFILE: an inherited one would win over the configured secret
                pb.environment().remove("PGPASSWORD");
            }
            pb.environment().remove("PGSERVICE");
            pb.environment().putAll(env.variables());
        }
        pb.redirectErrorStream(false);
        Path errFile = null;
        try {
            errFile = Files.createTempFile("mosip-migrate-", ".stderr");
            pb.redirectError(errFile.toFile());
            Process p = pb.start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int rc = p.waitFor();
            String err = Files.readString(errFile, StandardCharsets.UTF_8).strip();
            if (rc != 0) {
                throw new MigrateException(ErrorCode.EXTERNAL_TOOL,
                        command.get(0) + " failed (exit " + rc + ")" + (describedItem == null ? "" : " for " + describedItem) + ": " + err,
                        "see the message above; the tool's major version must be >= that of the server it connects to");
            }
            return out;
        } catch (IOException e) {
            throw new MigrateException(ErrorCode.EXTERNAL_TOOL, "cannot run " + command.get(0) + ": " + e.getMessage(),
                    "install the PostgreSQL client tools or set pgBinDir in the config", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MigrateException(ErrorCode.RUNTIME, "interrupted while running " + command.get(0), null, e);
        } finally {
            if (errFile != null) {
                try {
                    Files.deleteIfExists(errFile);
                } catch (IOException ignored) {
                    // temp file cleanup only
                }
            }
        }
    }
}
