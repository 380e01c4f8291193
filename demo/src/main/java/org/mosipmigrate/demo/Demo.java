package org.mosipmigrate.demo;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.mosipmigrate.cli.Main;
import org.mosipmigrate.testkit.PgServer;
import org.mosipmigrate.testkit.PgServers;
import org.mosipmigrate.testkit.S3Server;
import picocli.CommandLine;

/**
 * The main job on an embedded default, through the real CLI: V2 = PostgreSQL 12 + an S3 server + SoftHSM/PKCS12
 * keystores, V3 = PostgreSQL 16 + another S3 server; {@code seed-v2 --defects} makes a synthetic MOSIP 1.1.5.5 site with
 * the runbook's known problems, {@code preflight} finds them, {@code preflight --fix} repairs the safe ones, the operator's
 * remaining fixes are applied (here by SQL on the synthetic data, as the findings' fix column says), and {@code rehearse}
 * runs preflight, backup, restore, verify --deep, upgrade to 1.2.0.1 and the schema check, writing the signed evidence
 * pack and its HTML report. Every server is throwaway and stops when the demo ends.
 */
public final class Demo {
    private Demo() {
    }

    record Stage(String name, int exit, int expected, double seconds) {
    }

    public static void main(String[] args) throws Exception {
        int residents = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        Path work = Path.of(args.length > 1 ? args[1] : "demo-work").toAbsolutePath();
        org.mosipmigrate.core.set.PrivateFiles.deleteTree(work);
        Files.createDirectories(work);
        PrintWriter out = new PrintWriter(System.out, true);

        out.println("== starting throwaway servers: V2 = PostgreSQL 12 + S3, V3 = PostgreSQL 16 + S3");
        var pair = PgServers.production();
        List<Stage> stages = new ArrayList<>();
        boolean ok;
        try (S3Server v2s3 = S3Server.start(work.resolve("s3-v2")); S3Server v3s3 = S3Server.start(work.resolve("s3-v3"))) {
            out.printf("   V2 PostgreSQL 127.0.0.1:%d, S3 %s; V3 PostgreSQL 127.0.0.1:%d, S3 %s%n", pair.source().port(), v2s3.endpoint(),
                    pair.target().port(), v3s3.endpoint());
            Map<String, String> env = new HashMap<>();
            Path config = writeConfig(work, pair.source(), pair.target(), v2s3, v3s3, env);
            // the rehearsal owns its scratch set (it empties it on every run): not the set preflight --fix saves rows into
            Path rehearseConfig = work.resolve("rehearse.yaml");
            Files.writeString(rehearseConfig, Files.readString(config).replace("backupSet: " + work.resolve("set"), "backupSet: " + work.resolve("rehearsal-set")));
            out.println("== config: " + config + " and " + rehearseConfig + " (secrets only in environment variables of this process)");

            run(stages, out, env, config, "seed-v2", 0, "seed-v2", "--residents", "" + residents, "--defects", "--clean");
            run(stages, out, env, config, "preflight", 1, "preflight");
            run(stages, out, env, config, "preflight --fix", 1, "preflight", "--fix");
            operatorFixes(pair.source(), out);
            run(stages, out, env, config, "preflight", 0, "preflight");
            run(stages, out, env, rehearseConfig, "rehearse", 0, "rehearse", "--report-dir", work.resolve("rehearsals").toString());

            out.println();
            out.println("== summary");
            out.printf("   %-16s %6s %9s %9s%n", "stage", "exit", "expected", "seconds");
            for (Stage st : stages) {
                out.printf("   %-16s %6d %9d %9.1f%n", st.name(), st.exit(), st.expected(), st.seconds());
            }
            ok = stages.size() == 5 && stages.stream().allMatch(s -> s.exit() == s.expected());
            Path report = latestReport(work.resolve("rehearsals"));
            out.println("   preflight report: " + work.resolve("set-state/preflight-report.json"));
            out.println("   rehearsal report (open in a browser): " + (report == null ? "(none)" : report));
            out.println("   check its signature: scripts/mosip-migrate evidence check " + (report == null ? "DIR" : report.getParent())
                    + " --config " + rehearseConfig + "   (needs MM_DEMO_KEY of this run)");
        }
        out.println(ok ? "DEMO PASSED: the planted defects were found, the safe ones fixed, and the rehearsal moved and verified every "
                + "database, object and keystore, then upgraded the databases to 1.2.0.1" : "DEMO FAILED: see the messages above");
        System.exit(ok ? 0 : 1);
    }

    private static void run(List<Stage> stages, PrintWriter out, Map<String, String> env, Path config, String name, int expected, String... args) {
        List<String> argv = new ArrayList<>(List.of(args));
        argv.addAll(List.of("--config", config.toString()));
        out.println();
        out.println("== mosip-migrate " + String.join(" ", argv) + (expected != 0 ? "   (expected to exit " + expected + ")" : ""));
        long t0 = System.nanoTime();
        CommandLine cl = Main.commandLine(env);
        int exit = cl.execute(argv.toArray(String[]::new));
        stages.add(new Stage(name, exit, expected, (System.nanoTime() - t0) / 1e9));
    }

    /**
     * What the findings' fix column asks a person to do, applied to the synthetic V2 data: deactivate the case-colliding
     * operator ids, let the stuck packets finish, re-upload the partner certificate IDA holds, renew the expired one.
     */
    private static void operatorFixes(PgServer v2, PrintWriter out) throws SQLException {
        out.println();
        out.println("== the operator's fixes for the findings preflight --fix leaves to a person (SQL on the synthetic V2 data)");
        List<String[]> fixes = List.of(
                new String[] {"mosip_master", "UPDATE master.user_detail u SET is_active = false WHERE u.id <> lower(u.id) AND EXISTS "
                        + "(SELECT 1 FROM master.user_detail o WHERE o.id = lower(u.id))"},
                new String[] {"mosip_regprc", "UPDATE regprc.registration SET status_code = 'PROCESSED', latest_trn_status_code = 'PROCESSED' "
                        + "WHERE status_code IN ('PROCESSING', 'REPROCESS', 'RESUMABLE')"},
                new String[] {"mosip_keymgr", "UPDATE keymgr.partner_cert_store SET cert_not_after = now() + interval '2 years' WHERE cert_not_after < now()"});
        for (String[] f : fixes) {
            try (Connection c = v2.connect(f[0])) {
                int n = c.createStatement().executeUpdate(f[1]);
                out.printf("   %s: %d row(s): %s%n", f[0], n, f[1]);
            }
        }
        // the partner certificate IDA holds is re-uploaded: IDA's thumbprint becomes keymanager's again
        Map<String, String> keymgr = new HashMap<>();
        try (Connection c = v2.connect("mosip_keymgr"); ResultSet rs = c.createStatement().executeQuery(
                "SELECT DISTINCT ON (ref_id) ref_id, cert_thumbprint FROM keymgr.key_alias WHERE app_id = 'PARTNER' AND ref_id <> '' "
                        + "ORDER BY ref_id, key_expire_dtimes DESC")) {
            while (rs.next()) {
                keymgr.put(rs.getString(1), rs.getString(2));
            }
        }
        int n = 0;
        try (Connection c = v2.connect("mosip_ida"); var ps = c.prepareStatement("UPDATE ida.key_alias SET cert_thumbprint = ? WHERE app_id = 'IDA' "
                + "AND ref_id = ? AND cert_thumbprint IS DISTINCT FROM ?")) {
            for (var e : keymgr.entrySet()) {
                ps.setString(1, e.getValue());
                ps.setString(2, e.getKey());
                ps.setString(3, e.getValue());
                n += ps.executeUpdate();
            }
        }
        out.printf("   mosip_ida: %d partner certificate thumbprint(s) re-aligned with keymanager%n", n);
    }

    private static Path writeConfig(Path work, PgServer v2, PgServer v3, S3Server v2s3, S3Server v3s3, Map<String, String> env) throws IOException {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        env.put("MM_DEMO_KEY", Base64.getEncoder().encodeToString(key));
        env.put("V2_S3_KEY", v2s3.accessKey());
        env.put("V2_S3_SECRET", v2s3.secretKey());
        env.put("V3_S3_KEY", v3s3.accessKey());
        env.put("V3_S3_SECRET", v3s3.secretKey());
        env.put("V2_HSM_PIN", "demo-kernel-" + Long.toHexString(new SecureRandom().nextLong()));
        env.put("V2_P12_PASSWORD", "demo-partner-" + Long.toHexString(new SecureRandom().nextLong()));
        StringBuilder y = new StringBuilder("# generated by scripts/demo\n");
        y.append("source:\n  postgres: { host: ").append(v2.host()).append(", port: ").append(v2.port()).append(", user: ").append(v2.user()).append(" }\n");
        y.append("  objectStore: { type: minio, endpoint: ").append(v2s3.endpoint()).append(", accessKeyEnv: V2_S3_KEY, secretKeyEnv: V2_S3_SECRET, buckets: [\"*\"] }\n");
        y.append("  keystores:\n");
        y.append("    - { name: kernel, type: softhsm, path: ").append(work.resolve("v2-hsm/tokens")).append(", pinEnv: V2_HSM_PIN }\n");
        y.append("    - { name: partner, type: pkcs12, path: ").append(work.resolve("v2-keys/partner.p12")).append(", passwordEnv: V2_P12_PASSWORD }\n");
        y.append("target:\n  postgres: { host: ").append(v3.host()).append(", port: ").append(v3.port()).append(", user: ").append(v3.user()).append(" }\n");
        y.append("  objectStore: { type: s3, endpoint: ").append(v3s3.endpoint()).append(", accessKeyEnv: V3_S3_KEY, secretKeyEnv: V3_S3_SECRET }\n");
        y.append("  keystores:\n");
        y.append("    - { name: kernel, path: ").append(work.resolve("v3-hsm/tokens")).append(", pinEnv: V2_HSM_PIN }\n");
        y.append("    - { name: partner, path: ").append(work.resolve("v3-keys/partner.p12")).append(", passwordEnv: V2_P12_PASSWORD }\n");
        y.append("backupSet: ").append(work.resolve("set")).append('\n');
        y.append("stateDir: ").append(work.resolve("set-state")).append('\n');
        y.append("encryption: { keyEnv: MM_DEMO_KEY }\n");
        y.append("upgrade: { primaryLanguageCode: eng }\n");
        y.append("parallelism: 2\nchunkSize: 8MiB\nobjects: { parallelism: 8, segmentSize: 64MiB }\n");
        Path config = work.resolve("migration.yaml");
        Files.writeString(config, y.toString());
        return config;
    }

    private static Path latestReport(Path reports) throws IOException {
        if (!Files.isDirectory(reports)) {
            return null;
        }
        try (var s = Files.walk(reports, 2)) {
            return s.filter(p -> p.getFileName().toString().equals("report.html")).sorted().reduce((a, b) -> b).orElse(null);
        }
    }
}
