package org.mosipmigrate.verify;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.mosipmigrate.core.run.Progress;
import org.mosipmigrate.core.run.ProgressEvent;
import org.mosipmigrate.core.run.Workers;
import org.mosipmigrate.verify.TableJudge.Judged;

/**
 * Measures and judges tables on {@code parallelism} workers. Each worker drains a shared queue with its
 * own read-only connections, kept open while consecutive jobs are in the same database.
 */
final class FingerprintWorkers {
    private final ReadOnlySide target;
    private final ReadOnlySide source;
    private final int parallelism;
    /** The phase name of the fingerprint progress events (one phase for all databases). */
    static final String PHASE = "verify db";
    private final Progress progress;

    /** @param source null when the source is not compared */
    FingerprintWorkers(ReadOnlySide target, ReadOnlySide source, int parallelism, Progress progress) {
        this.target = target;
        this.source = source;
        this.parallelism = Math.max(1, parallelism);
        this.progress = progress;
    }

    List<Judged> run(List<TableJob> jobs) {
        // by database so a worker rarely reconnects, biggest first within it so the last tables finish together
        List<TableJob> ordered = new ArrayList<>(jobs);
        ordered.sort(Comparator.comparing(TableJob::db).thenComparing(Comparator.comparingLong(TableJob::sizeHint).reversed()));
        Queue<TableJob> queue = new ConcurrentLinkedQueue<>(ordered);
        Queue<Judged> done = new ConcurrentLinkedQueue<>();
        AtomicBoolean failed = new AtomicBoolean();
        List<Workers.Task> tasks = new ArrayList<>();
        for (int i = 0; i < Math.min(parallelism, ordered.size()); i++) {
            tasks.add(() -> drain(queue, done, failed));
        }
        long t0 = System.nanoTime();
        progress.event(ProgressEvent.phaseStart(PHASE, null, (long) ordered.size(), "table"));
        Workers.runAll(parallelism, "verify", tasks);
        progress.event(ProgressEvent.phaseEnd(PHASE, null, done.size(),
                done.stream().mapToLong(j -> j.result().targetRows() == null ? 0 : j.result().targetRows()).sum(), null, (System.nanoTime() - t0) / 1e9));
        return new ArrayList<>(done);
    }

    private void drain(Queue<TableJob> queue, Queue<Judged> done, AtomicBoolean failed) {
        Connections conns = new Connections();
        try {
            TableJob job;
            while (!failed.get() && (job = queue.poll()) != null) {
                Judged j = judge(job, conns);
                done.add(j);
                progress.info("verify " + job.item() + ": " + j.result().status()
                        + (j.result().targetRows() == null ? "" : " (" + j.result().targetRows() + " rows)"));
                progress.event(ProgressEvent.table(PHASE, job.db(), job.schema() + "." + job.name(), j.result().targetRows()));
            }
        } catch (RuntimeException e) {
            failed.set(true); // the other workers stop at their next table
            throw e;
        } finally {
            conns.close();
        }
    }

    private Judged judge(TableJob job, Connections conns) {
        Measurement onSource = null;
        if (job.sourceCompared()) {
            onSource = measure(source, job, job.sourceColumns(), conns);
        }
        Measurement onTarget = measure(target, job, job.targetColumns(), conns);
        return TableJudge.judge(job, onSource, onTarget);
    }

    private Measurement measure(ReadOnlySide side, TableJob job, Set<String> columnsThere, Connections conns) {
        if (columnsThere == null) {
            return Measurement.absent();
        }
        Connection c = conns.get(side, job.db());
        try {
            return TableMeasurer.measure(c, job, columnsThere);
        } catch (SQLException e) {
            throw side.failure(e, job.db(), "fingerprinting " + job.qualifiedName());
        }
    }

    /** One worker's open connections: at most one per side, all to the same database. */
    private static final class Connections {
        private final Map<ReadOnlySide, Connection> open = new IdentityHashMap<>();
        private String db;

        Connection get(ReadOnlySide side, String database) {
            if (!database.equals(db)) {
                close();
                db = database;
            }
            return open.computeIfAbsent(side, s -> s.open(database));
        }

        void close() {
            open.values().forEach(ReadOnlySide::closeQuietly);
            open.clear();
        }
    }
}
