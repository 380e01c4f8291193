package org.mosipmigrate.restore.pg;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.mosipmigrate.core.error.ErrorCode;
import org.mosipmigrate.core.error.MigrateException;
import org.mosipmigrate.core.ledger.Ledger;
import org.mosipmigrate.core.ledger.LedgerEntry;
import org.mosipmigrate.core.ledger.ShardLedgers;
import org.mosipmigrate.core.pg.ConnectionPool;
import org.mosipmigrate.core.pg.PgCatalog;
import org.mosipmigrate.core.pg.PgConnector;
import org.mosipmigrate.core.pg.PgTools;
import org.mosipmigrate.core.pg.RestoreMarkers;
import org.mosipmigrate.core.pg.Sql;
import org.mosipmigrate.core.run.Progress;
import org.mosipmigrate.core.run.ProgressEvent;
import org.mosipmigrate.core.run.Shard;
import org.mosipmigrate.core.run.ShardWait;
import org.mosipmigrate.core.run.Workers;
import org.mosipmigrate.core.set.Manifest.RoleEntry;
import org.mosipmigrate.core.set.Manifest.SequenceEntry;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Writes databases into the target server, shared by restore (chunks from files) and copy (chunks
 * straight from the source). Every phase is recorded inside the target database itself
 * ({@link RestoreMarkers}) in the same transaction as its effect, so a killed run resumes exactly.
 */
public final class TargetLoader {
    private final PgConnector target;
    private final PgTools tools;
    private final Progress progress;
    private final int parallelism;
    private static final String MAINTENANCE_WORK_MEM = "256MB";

    public TargetLoader(PgConnector target, PgTools tools, Progress progress, int parallelism) {
        this.target = target;
        this.tools = tools;
        this.progress = progress;
        this.parallelism = parallelism;
    }

    /** What we found in the target for one database before touching it. */
    public enum TargetState { ABSENT, EMPTY, OURS, FOREIGN_DATA }

    public TargetState inspect(String db, String runId) {
        try (Connection c = target.open("postgres");
             PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            ps.setString(1, db);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return TargetState.ABSENT;
                }
            }
        } catch (SQLException e) {
            throw target.classify(e, "postgres");
        }
        try (Connection c = target.open(db)) {
            Optional<String> owner = RestoreMarkers.owner(c);
            if (owner.isPresent() && owner.get().equals(runId)) {
                return TargetState.OURS;
            }
            return PgCatalog.countUserTables(c) == 0 && owner.isEmpty() ? TargetState.EMPTY : TargetState.FOREIGN_DATA;
        } catch (SQLException e) {
            throw target.classify(e, db);
        }
    }

    public int targetServerVersionNum() {
        try (Connection c = target.open("postgres")) {
            return PgCatalog.serverVersionNum(c);
        } catch (SQLException e) {
            throw target.classify(e, "postgres");
        }
    }

    /** Refuses a target of an older major than the source (its dump cannot be loaded there); returns the target's version. */
    public int requireNotOlderThan(int sourceVersionNum, String verb) {
        int targetVersion = targetServerVersionNum();
        if (targetVersion / 10000 < sourceVersionNum / 10000) {
            throw new MigrateException(ErrorCode.CONFIG, "target PostgreSQL " + targetVersion / 10000 + " is older than the source's "
                    + sourceVersionNum / 10000, verb + " into a server of the same or a newer major version");
        }
        return targetVersion;
    }

    /**
     * Whether an earlier run finished {@code db}: its ledger says so and the target still holds the database (one dropped
     * since, or {@code --clean}, means it is done again).
     */
    public static boolean finishedBefore(LedgerEntry done, TargetState state, boolean clean) {
        return done != null && done.state() == LedgerEntry.State.DONE && (state == TargetState.FOREIGN_DATA || state == TargetState.OURS) && !clean;
    }

    /**
     * A database an earlier run finished is not touched again: a shard records its chunks as done, an unsharded run
     * drops the markers a kill may have left behind.
     */
    public void skipFinished(String db, String runId, Shard shard, Ledger ledger, List<String> ownedChunks, String why) {
        if (shard.isSharded()) {
            ShardLedgers.recordDone(ledger, ownedChunks, java.util.Map.of("already", why));
        } else {
            releaseIfOurs(db, runId);
        }
        progress.info("database " + db + ": already " + why);
    }

    /**
     * Loads the chunks of {@code db} that have no marker yet, then looks again, until every chunk has one: after the first
     * round a chunk without its marker means the target lost commits (a crash with synchronous_commit off).
     *
     * @param tasksFor the load tasks of the chunks this process owns that are not in the given set of loaded chunks
     * @param skipped  counts the owned chunks that were loaded before this run
     * @param rows     the rows loaded, for the phase's progress events
     */
    public void loadUntilEveryChunkMarked(String db, String phase, Shard shard, Function<Set<String>, List<Workers.Task>> tasksFor, AtomicLong skipped,
                                          AtomicLong rows) {
        Set<String> already = loadedChunks(db);
        skipped.addAndGet(already.stream().filter(shard::owns).count());
        progress.info("database " + db + ": " + already.size() + " chunk(s) already loaded");
        for (int round = 1; ; round++) {
            List<Workers.Task> tasks = tasksFor.apply(already);
            if (tasks.isEmpty()) {
                return;
            }
            if (round > 3) {
                throw new MigrateException(ErrorCode.RUNTIME, "database " + db + ": the target keeps losing committed chunks",
                        "check the target server's durability settings (fsync, synchronous_commit) and its log");
            }
            if (round > 1) {
                progress.info("warning: database " + db + ": " + tasks.size() + " chunk(s) have no marker after loading "
                        + "(the target lost commits, e.g. a crash with synchronous_commit off); loading them again");
            }
            progress.info("database " + db + ": " + tasks.size() + " chunk(s) to " + phase);
            long phaseStart = System.nanoTime();
            long rowsBefore = rows.get();
            progress.event(ProgressEvent.phaseStart(phase, db, (long) tasks.size(), "chunk"));
            Workers.runAll(parallelism, phase + "-" + db, tasks);
            progress.event(ProgressEvent.phaseEnd(phase, db, tasks.size(), rows.get() - rowsBefore, null, (System.nanoTime() - phaseStart) / 1e9));
            already = loadedChunks(db);
        }
    }

    /** Creates the roles the target lacks, with the source's attributes; existing roles are not changed. */
    public void applyRoles(List<RoleEntry> roles) {
        try (Connection c = target.open("postgres"); Statement st = c.createStatement()) {
            String me = target.endpoint().user();
            for (RoleEntry r : roles) {
                if (r.name().equals(me)) {
                    continue;
                }
                String name = Sql.ident(r.name());
                try (ResultSet rs = st.executeQuery("SELECT 1 FROM pg_roles WHERE rolname = " + Sql.literal(r.name()))) {
                    if (rs.next()) {
                        continue; // a role the V3 install already has keeps its attributes
                    }
                }
                st.execute("CREATE ROLE " + name);
                st.execute("ALTER ROLE " + name + " WITH " + (r.superuser() ? "SUPERUSER" : "NOSUPERUSER")
                        + (r.inherit() ? " INHERIT" : " NOINHERIT") + (r.createRole() ? " CREATEROLE" : " NOCREATEROLE")
                        + (r.createDb() ? " CREATEDB" : " NOCREATEDB") + (r.login() ? " LOGIN" : " NOLOGIN")
                        + (r.replication() ? " REPLICATION" : " NOREPLICATION") + (r.bypassRls() ? " BYPASSRLS" : " NOBYPASSRLS")
                        + " CONNECTION LIMIT " + r.connectionLimit());
            }
            for (RoleEntry r : roles) {
                for (String group : r.memberOf()) {
                    if (!r.name().equals(me)) {
                        // GRANT of an existing membership is a notice, not an error: idempotent on resume
                        st.execute("GRANT " + Sql.ident(group) + " TO " + Sql.ident(r.name()));
                    }
                }
            }
        } catch (SQLException e) {
            throw new MigrateException(ErrorCode.RUNTIME, "cannot create roles on " + target.endpoint().describe() + ": " + e.getMessage(),
                    "the target user must be a superuser (or have CREATEROLE)", e);
        }
    }

    /**
     * Makes {@code db} ready to receive this run: creates it when absent, claims an empty one, resumes
     * our own unfinished one, and refuses (or, with clean, drops) one holding other data.
     */
    public void prepare(String db, String owner, String encoding, String collate, String ctype, List<String> databaseSql,
                        String runId, boolean clean) {
        TargetState state = inspect(db, runId);
        if (state == TargetState.FOREIGN_DATA) {
            if (!clean) {
                throw new MigrateException(ErrorCode.TARGET_NOT_EMPTY,
                        "target database " + db + " on " + target.endpoint().describe() + " already holds tables",
                        "restore into an empty server, drop the database, or pass --clean to drop and recreate it");
            }
            progress.info("database " + db + ": --clean given, dropping the existing target database");
            execOnPostgres("DROP DATABASE " + Sql.ident(db) + " WITH (FORCE)", db);
            state = TargetState.ABSENT;
        }
        if (state == TargetState.ABSENT) {
            String sql = "CREATE DATABASE " + Sql.ident(db) + " OWNER " + Sql.ident(owner) + " TEMPLATE template0 ENCODING "
                    + Sql.literal(encoding) + " LC_COLLATE " + Sql.literal(collate) + " LC_CTYPE " + Sql.literal(ctype);
            execOnPostgres(sql, db);
        }
        for (String statement : databaseSql) {
            execOnPostgres(statement, db);
        }
        try (Connection c = target.open(db)) {
            RestoreMarkers.claim(c, runId);
        } catch (SQLException e) {
            throw target.classify(e, db);
        }
    }

    private void execOnPostgres(String sql, String db) {
        try (Connection c = target.open("postgres"); Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            String hint = "22023".equals(e.getSQLState()) || "42704".equals(e.getSQLState())
                    ? "the source's encoding or locale does not exist on the target: install the locale on the target server (locale-gen) first"
                    : "check that the target user may create databases";
            throw new MigrateException(ErrorCode.RUNTIME, "cannot create or configure target database " + db + ": " + e.getMessage(), hint, e);
        }
    }

    /** Applies tables, types, functions, views (pre-data) atomically; done once per database. */
    public void applyPreData(String db, Path schemaDump) {
        try (Connection c = target.open(db)) {
            if (RestoreMarkers.phaseDone(c, "pre-data")) {
                return;
            }
            if (PgCatalog.countUserTables(c) > 0) {
                // pre-data is one transaction: tables present means it committed and only the marker is missing
                RestoreMarkers.markPhase(c, "pre-data");
                return;
            }
        } catch (SQLException e) {
            throw target.classify(e, db);
        }
        try (PgConnector.LibpqEnv env = target.libpqEnv()) {
            tools.run(List.of(tools.executable("pg_restore"), "--section=pre-data", "--single-transaction", "--exit-on-error",
                    "--dbname=" + db, schemaDump.toString()), env, "pre-data of database " + db);
        }
        try (Connection c = target.open(db)) {
            RestoreMarkers.markPhase(c, "pre-data");
        } catch (SQLException e) {
            throw target.classify(e, db);
        }
    }

    /** True once this run has claimed {@code db} and its pre-data is in: a shard other than shard 0 may load chunks. */
    public boolean readyForChunks(String db, String runId) {
        if (inspect(db, runId) != TargetState.OURS) {
            return false;
        }
        try (Connection c = target.open(db)) {
            return RestoreMarkers.phaseDone(c, "pre-data");
        } catch (SQLException e) {
            throw target.classify(e, db);
        }
    }

    /** A shard other than shard 0 waits (bounded) until shard 0 has created and claimed {@code db} and applied its pre-data. */
    public void awaitPreData(String db, String runId, Shard shard) {
        ShardWait.until(() -> readyForChunks(db, runId), shard, "target database " + db + " on " + target.endpoint().describe()
                + " with its pre-data", progress);
    }

    public Set<String> loadedChunks(String db) {
        try (Connection c = target.open(db)) {
            return RestoreMarkers.loadedChunks(c);
        } catch (SQLException e) {
            throw target.classify(e, db);
        }
    }

    /** A pool of target connections for chunk loads into one database. */
    public ConnectionPool pool(String db) {
        return new ConnectionPool(() -> {
            Connection c = target.open(db);
            try {
                c.setAutoCommit(false);
            } catch (SQLException e) {
                throw target.classify(e, db);
            }
            return c;
        });
    }

    /**
     * Loads one chunk in one transaction together with its marker row. Returns the rows COPY reported;
     * when {@code expectedRows} >= 0 and differs, the transaction is rolled back.
     */
    public long loadChunk(ConnectionPool pool, String stepId, String schema, String table, List<String> columns, String format,
                          long expectedRows, ChunkFeeder feeder) throws Exception {
        return loadChunk(pool, stepId, schema, table, columns, format, () -> expectedRows, feeder);
    }

    /** As above, with the expected count known only once the feeder has run (a live source). */
    public long loadChunk(ConnectionPool pool, String stepId, String schema, String table, List<String> columns, String format,
                          java.util.function.LongSupplier expected, ChunkFeeder feeder) throws Exception {
        return pool.with(c -> {
            try {
                Long already = RestoreMarkers.loadedRows(c, stepId);
                if (already != null) {
                    // a retry after a commit whose answer was lost: the rows are there, load nothing twice
                    c.rollback();
                    return already;
                }
                CopyIn in = c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY " + Sql.qualified(schema, table) + " ("
                        + Sql.columnList(columns) + ") FROM STDIN (FORMAT " + format + ")");
                long rows;
                try {
                    feeder.feed(in);
                    rows = in.endCopy();
                } finally {
                    if (in.isActive()) {
                        in.cancelCopy();
                    }
                }
                long expectedRows = expected.getAsLong();
                if (expectedRows >= 0 && rows != expectedRows) {
                    throw new MigrateException(ErrorCode.BACKUP_SET_CORRUPT, "chunk " + stepId + " loaded " + rows
                            + " rows but " + expectedRows + " were sent", "nothing of this chunk was kept; run the same command again");
                }
                RestoreMarkers.markLoaded(c, stepId, rows);
                c.commit();
                return rows;
            } catch (Exception e) {
                try {
                    c.rollback();
                } catch (SQLException ignored) {
                    // the connection is discarded by the pool
                }
                throw e;
            }
        });
    }

    /** Indexes and keys in parallel, then the rest (FKs, triggers, rules, comments, ACLs) in one transaction. */
    public void applyPostData(String db, Path schemaDump) {
        try (Connection c = target.open(db)) {
            if (RestoreMarkers.phaseDone(c, "post-data")) {
                return;
            }
        } catch (SQLException e) {
            throw target.classify(e, db);
        }
        String text = tools.run(List.of(tools.executable("pg_restore"), "--section=post-data", "--file=-", schemaDump.toString()), null,
                "post-data of database " + db);
        PostDataScript script = PostDataScript.parse(text);
        List<PostDataScript.Entry> parallel = script.entries().stream().filter(PostDataScript.Entry::parallelizable).toList();
        List<PostDataScript.Entry> serial = script.entries().stream().filter(e -> !e.parallelizable()).toList();
        progress.info("database " + db + ": post-data: " + parallel.size() + " index/key build(s) in parallel, " + serial.size() + " other item(s)");
        try (ConnectionPool pool = new ConnectionPool(() -> openWithPreamble(db, script.preamble()))) {
            List<Workers.Task> tasks = new ArrayList<>();
            for (PostDataScript.Entry e : parallel) {
                tasks.add(() -> pool.with(c -> {
                    String marker = "post-data:" + e.ordinal();
                    if (!RestoreMarkers.phaseDone(c, marker)) {
                        runEntry(c, db, e);
                        RestoreMarkers.markPhase(c, marker);
                    }
                    c.commit();
                    return null;
                }));
            }
            Workers.runAll(parallelism, "post-data-" + db, tasks);
            pool.with(c -> {
                for (PostDataScript.Entry e : serial) {
                    runEntry(c, db, e);
                }
                RestoreMarkers.markPhase(c, "post-data");
                c.commit();
                return null;
            });
        } catch (MigrateException e) {
            throw e;
        } catch (Exception e) {
            throw new MigrateException(ErrorCode.RUNTIME, "post-data of database " + db + " failed: " + e.getMessage(), null, e);
        }
    }

    private Connection openWithPreamble(String db, String preamble) {
        Connection c = target.open(db);
        try (Statement st = c.createStatement()) {
            if (!preamble.isBlank()) {
                st.execute(preamble);
            }
            // index builds sort in memory up to this much per worker instead of spilling to disk
            st.execute("SET maintenance_work_mem = '" + MAINTENANCE_WORK_MEM + "'");
            c.setAutoCommit(false);
            return c;
        } catch (SQLException e) {
            throw target.classify(e, db);
        }
    }

    private static void runEntry(Connection c, String db, PostDataScript.Entry e) {
        try (Statement st = c.createStatement()) {
            st.execute(e.sql());
        } catch (SQLException ex) {
            throw new MigrateException(ErrorCode.RUNTIME, "database " + db + ": cannot create " + e.type() + " " + e.schema() + "."
                    + e.name() + ": " + ex.getMessage(), "the data may violate the constraint on the target; run verify against the source", ex);
        }
    }

    /** Sets every sequence to its source value, refreshes materialized views, and gathers statistics. */
    public void finishData(String db, List<SequenceEntry> sequences) {
        try (Connection c = target.open(db); Statement st = c.createStatement()) {
            for (SequenceEntry s : sequences) {
                st.execute("SELECT pg_catalog.setval(" + Sql.literal(Sql.qualified(s.schema(), s.name())) + ", " + s.lastValue() + ", "
                        + s.isCalled() + ")");
            }
            List<String> matviews = new ArrayList<>();
            // a schema-only dump leaves materialized views unpopulated; fill those (in creation order)
            try (ResultSet rs = st.executeQuery("SELECT format('%I.%I', n.nspname, c.relname) FROM pg_class c "
                    + "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind = 'm' AND NOT c.relispopulated ORDER BY c.oid")) {
                while (rs.next()) {
                    matviews.add(rs.getString(1));
                }
            }
            for (String mv : matviews) {
                st.execute("REFRESH MATERIALIZED VIEW " + mv);
            }
        } catch (SQLException e) {
            throw new MigrateException(ErrorCode.RUNTIME, "database " + db + ": cannot set sequences / refresh views: " + e.getMessage(), null, e);
        }
        List<String> tables = new ArrayList<>();
        try (Connection c = target.open(db)) {
            for (var t : PgCatalog.listTables(c)) {
                tables.add(Sql.qualified(t.schema(), t.name()));
            }
        } catch (SQLException e) {
            throw target.classify(e, db);
        }
        try (ConnectionPool pool = new ConnectionPool(() -> target.open(db))) {
            List<Workers.Task> tasks = tables.stream().<Workers.Task>map(t -> () -> pool.with(c -> {
                try (Statement st = c.createStatement()) {
                    st.execute("ANALYZE " + t);
                }
                return null;
            })).toList();
            Workers.runAll(parallelism, "analyze-" + db, tasks);
        }
    }

    /** Drops markers left by a run killed after its last step was recorded. */
    public void releaseIfOurs(String db, String runId) {
        if (inspect(db, runId) == TargetState.OURS) {
            release(db);
        }
    }

    /** Removes our bookkeeping: the database now holds only the source's objects. */
    public void release(String db) {
        try (Connection c = target.open(db)) {
            RestoreMarkers.drop(c);
        } catch (SQLException e) {
            throw target.classify(e, db);
        }
    }
}
