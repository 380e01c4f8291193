package org.mosipmigrate.engine.rehearse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.mosipmigrate.core.config.MigrationConfig;
import org.mosipmigrate.core.error.ErrorCode;
import org.mosipmigrate.core.error.MigrateException;
import org.mosipmigrate.core.evidence.ConfigDigests;
import org.mosipmigrate.core.evidence.EvidenceBuilder;
import org.mosipmigrate.core.evidence.EvidencePack;
import org.mosipmigrate.core.evidence.EvidenceWriter;
import org.mosipmigrate.core.json.Json;
import org.mosipmigrate.core.run.Progress;
import org.mosipmigrate.schema.MosipDatabase;

/**
 * The scheduled rehearsal: preflight, backup into a fresh scratch set, restore into the scratch target, verify (deep) that
 * nothing was lost, upgrade to 1.2.0.1, verify the schema, then one signed evidence pack with every phase's time and
 * throughput and the trend against earlier rehearsals, then the scratch target and set are cleaned unless kept. Each
 * phase is the real command, run in this process, so a rehearsal exercises exactly what the cutover will run.
 */
public final class Rehearsal {
    /** Marks a backup set made by a rehearsal: only such a set is ever deleted by the next one. */
    static final String SET_MARKER = ".rehearsal-scratch";

    private final MigrationConfig cfg;
    private final Path configFile;
    private final Map<String, String> env;
    private final CommandRunner cli;
    private final Progress progress;
    private final PrintWriter out;
    private final PrintWriter err;

    public record Options(Path reportDir, boolean keep, String primaryLanguage, List<String> only, boolean skipUpgrade) {
    }

    /** One phase: the command it ran, its exit code, wall time and what it moved (when the command reports it). */
    public record PhaseResult(String name, String command, int exit, Instant started, double seconds, Long rows, Long bytes, Long objects) {
        boolean passed() {
            return exit == 0;
        }
    }

    public record Result(Path dir, String verdict, int exit, List<PhaseResult> phases, Path evidenceDir, List<String> trend) {
    }

    /** Runs one mosip-migrate command in this process, exactly as the operator would type it (the command line supplies it). */
    @FunctionalInterface
    public interface CommandRunner {
        int run(List<String> argv, PrintWriter out, PrintWriter err);
    }

    public Rehearsal(MigrationConfig cfg, Path configFile, Map<String, String> env, CommandRunner cli,
                     Progress progress, PrintWriter out, PrintWriter err) {
        this.cfg = cfg;
        this.configFile = configFile;
        this.env = env;
        this.cli = cli;
        this.progress = progress;
        this.out = out;
        this.err = err;
    }

    /** What a rehearsal would run, without running it. */
    public List<String> plan(Options o) {
        requireScratchSet();
        List<String> steps = new ArrayList<>();
        steps.add("preflight");
        steps.add("backup into the scratch set " + cfg.backupSet() + " (emptied first when an earlier rehearsal left it)");
        steps.add("restore into the scratch target (databases an earlier kept rehearsal restored are dropped first)");
        steps.add("verify --deep: the restored target against the live source and the set");
        if (!o.skipUpgrade() && parts(o).contains("db")) {
            steps.add("upgrade to 1.2.0.1, then verify --schema 1.2.0.1");
        }
        steps.add("evidence pack + trend in " + reportDir(o));
        steps.add(o.keep() ? "keep the scratch target and set (--keep)" : "drop the restored databases, delete the restored objects and the scratch set");
        return steps;
    }

    public Result run(Options o) {
        requireScratchSet();
        String stamp = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC).format(Instant.now());
        Path dir = reportDir(o).resolve(stamp);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new MigrateException(ErrorCode.RUNTIME, "cannot create the rehearsal report directory " + dir + ": " + e.getMessage(), null, e);
        }
        List<PhaseResult> phases = new ArrayList<>();
        Scratch scratch = new Scratch(cfg, env, progress);
        List<String> only = o.only() == null ? List.of() : List.of("--only", String.join(",", o.only()));

        boolean go = step(phases, "preflight", dir, List.of("preflight", "--report-dir", dir.toString()));
        if (go) {
            scratch.clearBeforeRun();
            markScratchSet();
            go = step(phases, "backup", dir, concat(List.of("backup", "--json"), only));
        }
        Set<String> restoredDbs = go ? scratch.databasesInSet() : Set.of();
        Set<String> created = Set.of();
        if (go) {
            created = scratch.recordRestoring(restoredDbs);
            go = step(phases, "restore", dir, concat(List.of("restore", "--json"), only));
        }
        if (go) {
            go = step(phases, "verify", dir, concat(List.of("verify", "--deep", "--evidence-dir", dir.resolve("verify-evidence").toString(),
                    "--report-dir", dir.toString()), only));
        }
        List<String> upgraded = upgradeList(restoredDbs);
        if (go && !o.skipUpgrade() && parts(o).contains("db") && !upgraded.isEmpty()) {
            List<String> up = new ArrayList<>(List.of("upgrade", "--databases", String.join(",", upgraded)));
            if (o.primaryLanguage() != null) {
                up.addAll(List.of("--primary-language", o.primaryLanguage()));
            }
            go = step(phases, "upgrade", dir, up);
            if (go) {
                step(phases, "verify schema", dir, List.of("verify", "--schema", "1.2.0.1", "--databases", String.join(",", upgraded),
                        "--evidence-dir", dir.resolve("schema-evidence").toString()));
            }
        }

        RehearsalHistory history = new RehearsalHistory(reportDir(o));
        List<String> trend = history.compare(phases);
        EvidencePack pack = evidence(phases, dir, trend);
        EvidenceWriter.Written written = org.mosipmigrate.engine.verify.EvidenceOutput.write(cfg, env, pack, dir, err);
        history.append(stamp, pack.verdict(), dir, phases);

        if (!o.keep()) {
            scratch.clean(created);
        } else {
            progress.info("rehearse: --keep: the scratch target and the set " + cfg.backupSet() + " stay as they are");
        }
        int exit = 0;
        for (PhaseResult p : phases) {
            exit = Math.max(exit, p.exit());
        }
        if (exit == 0 && !pack.passed()) {
            exit = ErrorCode.VERIFY_MISMATCH.exitCode();
        }
        return new Result(dir, pack.verdict(), exit, phases, written.dir(), trend);
    }

    // ------------------------------------------------------------------ phases

    private boolean step(List<PhaseResult> phases, String name, Path dir, List<String> args) {
        progress.info("rehearse: == " + name + ": mosip-migrate " + String.join(" ", args));
        StringWriter stdout = new StringWriter();
        List<String> argv = new ArrayList<>(args);
        argv.addAll(List.of("--config", configFile.toString()));
        Instant started = Instant.now();
        long t0 = System.nanoTime();
        int exit = cli.run(argv, new PrintWriter(stdout, true), err);
        double seconds = (System.nanoTime() - t0) / 1e9;
        String text = stdout.toString();
        try {
            Files.writeString(dir.resolve(name.replace(' ', '-') + ".out"), text);
        } catch (IOException e) {
            progress.info("rehearse: cannot keep the output of " + name + ": " + e.getMessage());
        }
        if (!args.contains("--json")) {
            out.print(text);
            out.flush();
        }
        long[] moved = moved(text);
        phases.add(new PhaseResult(name, "mosip-migrate " + String.join(" ", args), exit, started, seconds,
                moved[0] < 0 ? null : moved[0], moved[1] < 0 ? null : moved[1], moved[2] < 0 ? null : moved[2]));
        progress.info(String.format("rehearse: %s %s in %.1fs (exit %d)", name, exit == 0 ? "passed" : "FAILED", seconds, exit));
        return exit == 0;
    }

    /** Rows, bytes and objects summed over the JSON results a command printed (-1 when it printed none). */
    static long[] moved(String stdout) {
        long[] sums = {-1, -1, -1};
        int start = stdout.indexOf('{');
        if (start < 0) {
            return sums;
        }
        try (MappingIterator<JsonNode> it = Json.MAPPER.readerFor(JsonNode.class).readValues(stdout.substring(start))) {
            while (it.hasNextValue()) {
                JsonNode n = it.nextValue();
                add(sums, 0, n.get("rows"));
                add(sums, 1, n.has("rawBytes") ? n.get("rawBytes") : n.get("bytes"));
                add(sums, 2, n.has("written") ? n.get("written") : n.get("restored"));
            }
        } catch (IOException | RuntimeException e) {
            return sums; // not JSON after all: the phase still counts, without throughput
        }
        return sums;
    }

    private static void add(long[] sums, int i, JsonNode v) {
        if (v != null && v.isNumber()) {
            sums[i] = Math.max(0, sums[i]) + v.asLong();
        }
    }

    // ------------------------------------------------------------------ evidence

    private EvidencePack evidence(List<PhaseResult> phases, Path dir, List<String> trend) {
        EvidenceBuilder b = EvidencePack.builder("rehearse").config(ConfigDigests.of(configFile));
        EvidencePack data = read(dir.resolve("verify-evidence"));
        EvidencePack schema = read(dir.resolve("schema-evidence"));
        if (data != null) {
            b.source(data.source());
            data.databases().forEach(b::database);
            data.tables().forEach(b::table);
            b.objects(data.objects());
            data.keystores().forEach(b::keystore);
            data.mismatches().forEach(b::mismatch);
            data.notes().forEach(b::note);
        }
        if (schema != null) {
            schema.schema().forEach(b::schema);
            schema.mismatches().forEach(b::mismatch);
        }
        for (PhaseResult p : phases) {
            b.phase(new EvidencePack.Phase(p.name(), p.started().toString(), p.seconds(), p.objects() != null ? p.objects() : p.rows(),
                    p.objects() != null ? "object" : p.rows() != null ? "row" : null, p.rows(), p.bytes(), p.passed()));
            if (!p.passed()) {
                b.mismatch(new EvidencePack.Mismatch("rehearse", null, p.name(), "PHASE_FAILED", "exit 0", "exit " + p.exit(),
                        p.command() + " failed; its messages are in the rehearsal's log and " + p.name().replace(' ', '-') + ".out"));
            }
        }
        trend.forEach(t -> b.note("trend: " + t));
        return b.build();
    }

    private static EvidencePack read(Path evidenceDir) {
        Path json = evidenceDir.resolve(EvidenceWriter.JSON);
        if (!Files.exists(json)) {
            return null;
        }
        try {
            return Json.MAPPER.readValue(json.toFile(), EvidencePack.class);
        } catch (IOException e) {
            throw new MigrateException(ErrorCode.RUNTIME, "cannot read the verify evidence " + json + ": " + e.getMessage(), null, e);
        }
    }

    // ------------------------------------------------------------------ scratch set

    /** Refuses a backup set that holds a real backup: a rehearsal empties its set, so it must own it. */
    private void requireScratchSet() {
        Path set = cfg.backupSet();
        if (set == null) {
            throw new MigrateException(ErrorCode.CONFIG, cfg.file() + ": rehearse needs 'backupSet' (a scratch directory it owns)",
                    "set backupSet to an empty directory used only by rehearsals");
        }
        try {
            if (Files.isDirectory(set) && !Files.exists(set.resolve(SET_MARKER))) {
                try (var entries = Files.list(set)) {
                    if (entries.findAny().isPresent()) {
                        throw new MigrateException(ErrorCode.CONFIG, "backup set " + set + " is not empty and was not made by a rehearsal",
                                "point backupSet at an empty directory used only by rehearsals; a rehearsal empties it on every run");
                    }
                }
            }
        } catch (IOException e) {
            throw new MigrateException(ErrorCode.RUNTIME, "cannot read " + set + ": " + e.getMessage(), null, e);
        }
    }

    private void markScratchSet() {
        try {
            org.mosipmigrate.core.set.PrivateFiles.createDirectories(cfg.backupSet());
            Files.writeString(cfg.backupSet().resolve(SET_MARKER), "made by mosip-migrate rehearse; emptied by the next rehearsal\n");
        } catch (IOException e) {
            throw new MigrateException(ErrorCode.RUNTIME, "cannot write to " + cfg.backupSet() + ": " + e.getMessage(), null, e);
        }
    }

    private Path reportDir(Options o) {
        if (o.reportDir() != null) {
            return o.reportDir();
        }
        return cfg.effectiveStateDir().resolve("rehearsals");
    }

    private Set<String> parts(Options o) {
        return o.only() == null ? Set.of("db", "objects", "keystores") : new LinkedHashSet<>(o.only());
    }

    /** The restored databases that have a 1.2.0.1 upgrade, plus those the upgrade creates (hotlist, resident). */
    private static List<String> upgradeList(Set<String> restored) {
        List<String> out = new ArrayList<>();
        for (MosipDatabase d : MosipDatabase.v3()) {
            if (restored.contains(d.dbName()) || (!restored.isEmpty() && (d.dbName().equals("mosip_hotlist") || d.dbName().equals("mosip_resident"))
                    && restored.stream().anyMatch(r -> r.startsWith("mosip_")))) {
                out.add(d.dbName());
            }
        }
        return out;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }
}
