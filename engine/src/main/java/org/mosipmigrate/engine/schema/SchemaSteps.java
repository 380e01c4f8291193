package org.mosipmigrate.engine.schema;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.mosipmigrate.core.config.MigrationConfig;
import org.mosipmigrate.core.error.ErrorCode;
import org.mosipmigrate.core.error.MigrateException;
import org.mosipmigrate.core.part.Step;
import org.mosipmigrate.core.part.StepPlan;
import org.mosipmigrate.core.part.Reported;
import org.mosipmigrate.core.part.StepResult;
import org.mosipmigrate.core.pg.PgConnector;
import org.mosipmigrate.core.pg.PgTools;
import org.mosipmigrate.engine.Engine;
import org.mosipmigrate.engine.parts.Steps;
import org.mosipmigrate.engine.parts.Steps.Typed;
import org.mosipmigrate.schema.Cleanup;
import org.mosipmigrate.schema.MosipDatabase;
import org.mosipmigrate.schema.SchemaInit;
import org.mosipmigrate.schema.SchemaUpgrader;
import org.mosipmigrate.schema.UpgradeSettings;
import org.mosipmigrate.transfer.SetSpools;

/**
 * The schema commands on the target as steps: {@code upgrade} (with {@code --status} and its transactional
 * {@code --dry-run}), {@code cleanup} of the upgrade's leftovers, and {@code schema init}. The work is in the
 * schema-migrations module; this wires it to the configuration and says what it did.
 */
public final class SchemaSteps {
    private SchemaSteps() {
    }

    /**
     * What upgrade is asked for; each setting given here wins over its upgrade.* config key.
     *
     * @param databases null: the 13 databases of 1.2.0.1
     * @param to        1.2.0.1, a MOSIP step such as 1.2.0.1-B2, or a Flyway version
     */
    public record UpgradeRequest(List<String> databases, String to, String primaryLanguage, String shareDomain, String newRolePasswordEnv) {
    }

    public static PgConnector target(Engine engine) {
        var endpoint = engine.config().targetPg().orElseThrow(() -> new MigrateException(ErrorCode.CONFIG, "the config has no target.postgres section",
                "add target.postgres (host, port, user, passwordEnv)"));
        return new PgConnector(endpoint, engine.env());
    }

    private static SchemaUpgrader upgrader(Engine engine, UpgradeRequest r) {
        MigrationConfig cfg = engine.config();
        String lang = r.primaryLanguage() != null ? r.primaryLanguage() : cfg.upgrade().primaryLanguageCode();
        String domain = r.shareDomain() != null ? r.shareDomain() : cfg.upgrade().shareDomain();
        String roleEnv = r.newRolePasswordEnv() != null ? r.newRolePasswordEnv() : cfg.upgrade().newRolePasswordEnv();
        String from = domain == null ? null : domain.split("=", 2)[0];
        String toDomain = domain == null ? null : domain.contains("=") ? domain.split("=", 2)[1] : "";
        return new SchemaUpgrader(target(engine)::open, new UpgradeSettings(lang, from, toDomain, roleEnv, engine.env()), engine.progress());
    }

    private static List<MosipDatabase> v3(List<String> databases) {
        return databases == null ? MosipDatabase.v3() : databases.stream().map(MosipDatabase::of).toList();
    }

    /** upgrade --status: per database (default: every MOSIP database), its state and the steps still to run; changes nothing. */
    public static StepResult upgradeStatus(Engine engine, UpgradeRequest r) {
        List<MosipDatabase> dbs = r.databases() != null ? v3(r.databases()) : List.of(MosipDatabase.values());
        var status = upgrader(engine, r).status(dbs, r.to());
        StringBuilder text = new StringBuilder();
        for (var s : status) {
            text.append(String.format("%-18s %-20s pending: %s%s%n", s.db(), s.state(), s.pending().stream().map(p -> p.step()).toList(),
                    s.note().isEmpty() ? "" : "  (" + s.note() + ")"));
        }
        return Reported.verdict(status, text.toString(), true);
    }

    /** upgrade --dry-run: every step run in one transaction per database and rolled back; fails when a step fails. */
    public static StepResult upgradeDryRun(Engine engine, UpgradeRequest r) {
        var runs = upgrader(engine, r).dryRun(v3(r.databases()), r.to());
        StringBuilder text = new StringBuilder();
        boolean failed = false;
        for (var d : runs) {
            text.append(String.format("%s (from %s):%n", d.db(), d.from()));
            d.steps().forEach(s -> text.append(String.format("  %-12s %-50s %6d ms  %s%n", s.step(), s.description(), s.millis(), s.state())));
            d.notTransactional().forEach(n -> text.append("  not transactional: ").append(n).append(System.lineSeparator()));
            if (d.firstFailure() != null) {
                text.append("  FIRST FAILURE: ").append(d.firstFailure()).append(System.lineSeparator());
                failed = true;
            }
        }
        text.append("(dry run: every step rolled back)").append(System.lineSeparator());
        return Reported.verdict(runs, text.toString(), !failed);
    }

    /** upgrade: each database from where it is to {@code to}, step by step, each step committed whole or not at all. */
    public static StepResult upgrade(Engine engine, UpgradeRequest r) {
        var outcomes = upgrader(engine, r).upgrade(v3(r.databases()), r.to());
        StringBuilder text = new StringBuilder();
        for (var o : outcomes) {
            text.append(String.format("%-18s %s -> %s%s, %d steps%n", o.db(), o.from(), o.to(), o.baselined() ? " (baselined)" : "", o.executed().size()));
        }
        return Reported.verdict(outcomes, text.toString(), true);
    }

    /** cleanup: the plan lists the leftovers (reads only); execute saves every row in the backup set, then drops them. */
    public static Step<Typed<List<Cleanup.Item>>> cleanup(Engine engine, List<String> databases) {
        MigrationConfig cfg = engine.config();
        PgConnector target = target(engine);
        List<MosipDatabase> dbs = databases != null ? databases.stream().map(MosipDatabase::of).toList() : cleanupDefault();
        var cleanup = new Cleanup(target::open, engine.progress());
        return Steps.of(() -> {
            var plan = cleanup.plan(dbs);
            return new Typed<>(plan, () -> render(plan, "would drop") + (plan.isEmpty() ? "nothing to clean up"
                    : "(nothing dropped: pass --apply to save these in the backup set and drop them)") + System.lineSeparator());
        }, plan -> {
            if (plan.plan().isEmpty()) {
                return Reported.verdict(List.of(), "nothing to clean up" + System.lineSeparator(), true);
            }
            if (cfg.backupSet() == null) {
                throw new MigrateException(ErrorCode.CONFIG, cfg.file() + ": cleanup --apply needs backupSet", "what it drops is saved there first; add backupSet: <directory>");
            }
            PgTools tools = new PgTools(cfg.pgBinDir());
            var key = cfg.encryption().load(engine.env()).orElse(null);
            Cleanup.Applied applied;
            // on an S3 set the saves go into the spool and are uploaded (manifest last) before this command ends; opening
            // the spool also uploads saves an earlier run left there
            try (var session = SetSpools.open(cfg, engine.env(), engine.progress(), true)) {
                applied = cleanup.apply(plan.plan(), cfg.backupSet(), key, cfg.compressionLevel(), Cleanup.pgDump(tools, target));
                session.publish();
            }
            return Reported.verdict(applied, render(plan.plan(), "drop") + String.format("%sdropped %d object(s); saved %d file(s) under %s (manifest %s)%n",
                    applied.resumed() ? "continued an unfinished cleanup: " : "", applied.dropped().size(), applied.files().size(), applied.dir(),
                    applied.manifest().getFileName()), true);
        });
    }

    private static String render(List<Cleanup.Item> plan, String verb) {
        StringBuilder text = new StringBuilder();
        for (var item : plan) {
            if (item.wholeDatabase()) {
                text.append(String.format("%s database %s: %d tables, %d rows (%s)%n", verb, item.db(), item.tables().size(), item.rows(), item.note()));
            }
            for (var t : item.tables()) {
                text.append(String.format("  %s %s:%s (%d rows)%n", item.wholeDatabase() ? "   " : verb, item.db(), t.qualified(), t.rows()));
            }
        }
        return text.toString();
    }

    private static List<MosipDatabase> cleanupDefault() {
        List<MosipDatabase> l = new ArrayList<>(MosipDatabase.v3());
        l.addAll(Cleanup.FOLDED);
        return l;
    }

    /** schema init: empty MOSIP databases of {@code version} (1.1.5.5 or 1.2.0.1), with their app roles. */
    public static Step<StepPlan> init(Engine engine, String version, List<String> databases, boolean clean, String newRolePasswordEnv) {
        List<MosipDatabase> dbs = databases != null ? databases.stream().map(MosipDatabase::of).toList()
                : version.equals("1.1.5.5") ? Arrays.stream(MosipDatabase.values()).filter(MosipDatabase::inV2).toList()
                : MosipDatabase.v3();
        return Steps.of(() -> {
            StringBuilder text = new StringBuilder();
            dbs.forEach(d -> text.append(String.format("would create %s (schema %s %s)%s%n", d.dbName(), d.schema(), version,
                    clean ? ", dropping it first if it exists" : "")));
            text.append("(dry run: nothing created)").append(System.lineSeparator());
            return StepPlan.of(text.toString());
        }, plan -> {
            String roleEnv = newRolePasswordEnv != null ? newRolePasswordEnv : engine.config().upgrade().newRolePasswordEnv();
            var init = new SchemaInit(target(engine)::open, new UpgradeSettings(null, null, null, roleEnv, engine.env()), engine.progress());
            var created = init.init(dbs, version, clean);
            StringBuilder text = new StringBuilder();
            created.forEach(c -> text.append(String.format("%-18s %s created, %d tables%n", c.db(), c.version(), c.tables().size())));
            return Reported.verdict(created, text.toString(), true);
        });
    }
}
