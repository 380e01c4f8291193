package org.mosipmigrate.restore.pg;

import java.util.List;
import org.mosipmigrate.core.set.Manifest;

/** What a restore will do per database, given the manifest and what the target already holds. */
public record RestorePlan(Manifest manifest, int targetServerVersionNum, List<DatabaseStep> databases) {
    public RestorePlan {
        databases = List.copyOf(databases);
    }

    public enum Action { CREATE, CLAIM_EMPTY, RESUME, REPLACE, REFUSE, ALREADY_DONE }

    public record DatabaseStep(Manifest.DatabaseEntry entry, Action action, long chunksTotal, long chunksLoaded) {
    }

    public String render() {
        StringBuilder sb = new StringBuilder(String.format("Restore of backup set run %s (PostgreSQL %d -> %d): %d database(s)%n",
                manifest.runId(), manifest.source().serverVersionNum() / 10000, targetServerVersionNum / 10000, databases.size()));
        for (DatabaseStep d : databases) {
            long rows = d.entry().tables().stream().mapToLong(Manifest.TableEntry::rows).sum();
            sb.append(String.format("  %-28s %-12s %4d tables %,12d rows  chunks %d/%d loaded%n", d.entry().name(), d.action(),
                    d.entry().tables().size(), rows, d.chunksLoaded(), d.chunksTotal()));
        }
        return sb.toString();
    }

    /** What shard {@code shard} loads: its chunks per database (shard 0 also creates the databases and applies pre-data). */
    public String render(org.mosipmigrate.core.run.Shard shard) {
        if (!shard.isSharded()) {
            return render();
        }
        StringBuilder sb = new StringBuilder(render());
        sb.append(String.format("shard %s: %s%n", shard.label(), shard.isFirst() ? "creates and claims the databases, applies roles and pre-data, loads its chunks"
                : "waits for shard 0's pre-data, then loads its chunks"));
        for (DatabaseStep d : databases) {
            long mine = d.entry().tables().stream().flatMap(t -> t.chunks().stream()).filter(ch -> shard.owns(ch.id())).count();
            sb.append(String.format("  %-28s %d of %d chunk(s)%n", d.entry().name(), mine, d.chunksTotal()));
        }
        return sb.toString();
    }
}
