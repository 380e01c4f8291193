package org.mosipmigrate.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.mosipmigrate.core.pg.TableFingerprint;
import org.mosipmigrate.testkit.PgServer;
import org.mosipmigrate.testkit.PgServers;
import picocli.CommandLine;

/** Runs the real CLI (in-process or as a child JVM) against real servers, with a config it writes. */
final class CliHarness {
    final PgServers.Pair pair;
    final Path dir;
    final Path config;
    final Map<String, String> env = new HashMap<>();

    record Run(int exit, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
        }
    }

    CliHarness(PgServers.Pair pair, Path dir, List<String> databases, String extraYaml) throws IOException {
        this.pair = pair;
        this.dir = dir;
        this.config = dir.resolve("migration.yaml");
        StringBuilder y = new StringBuilder();
        y.append("source:\n  postgres:\n").append(endpoint(pair.source(), "MM_V2_PW"));
        y.append("    databases: [").append(String.join(", ", databases)).append("]\n");
        y.append("target:\n  postgres:\n").append(endpoint(pair.target(), "MM_V3_PW"));
        y.append("backupSet: ").append(dir.resolve("set")).append('\n');
        y.append("parallelism: 2\n");
        y.append(extraYaml == null ? "" : extraYaml);
        Files.writeString(config, y.toString());
    }

    private String endpoint(PgServer s, String envName) {
        String yaml = "    host: " + s.host() + "\n    port: " + s.port() + "\n    user: " + s.user() + "\n";
        if (s.password() != null) {
            env.put(envName, s.password());
            yaml += "    passwordEnv: " + envName + "\n";
        }
        return yaml;
    }

    Run run(String... args) {
        if (args.length > 0 && !List.of(args).contains("--help")) {
            return run(env, config, args);
        }
        return runArgs(env, List.of(args));
    }

    /** Runs the real CLI in-process with {@code env}, appending {@code --config config}. */
    static Run run(Map<String, String> env, Path config, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--config");
        all.add(config.toString());
        return runArgs(env, all);
    }

    private static Run runArgs(Map<String, String> env, List<String> all) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine(env);
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute(all.toArray(String[]::new));
        return new Run(exit, out.toString(), err.toString());
    }

    /** Starts the CLI as a separate JVM (so it can be killed with SIGKILL). */
    Process start(Path log, String... args) throws IOException {
        return start(env, config, log, args);
    }

    /** The CLI in a child JVM with {@code env} and {@code --config config}, its output in {@code log}. */
    static Process start(Map<String, String> env, Path config, Path log, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(List.of(args));
        cmd.addAll(List.of("--config", config.toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().putAll(env);
        return pb.start();
    }

    /** Chunks a running restore/copy has committed into {@code db} so far (0 while the markers do not exist). */
    static long loadedChunks(PgServer target, String db) {
        try (Connection c = target.connect(db);
             java.sql.ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM mosip_migrate.loaded_chunk")) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            return 0;
        }
    }

    /** Rows and fingerprint of every table of a database, keyed by schema.table. */
    static Map<String, TableFingerprint.Fingerprint> contents(PgServer s, String db) throws SQLException {
        return org.mosipmigrate.testkit.TableContents.of(s, db);
    }

}
