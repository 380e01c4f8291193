package org.mosipmigrate.backup.pg;

import java.util.List;
import org.mosipmigrate.core.pg.PgCatalog.DatabaseInfo;
import org.mosipmigrate.core.pg.PgCatalog.TableInfo;

/**
 * What will be read from the source: databases, tables and their chunks. Computed once and frozen in
 * the backup set (plan.json) so that a resumed run reads exactly the same chunk boundaries.
 */
public record SourcePlan(String runId, String createdAt, String sourceHost, int sourcePort, int serverVersionNum,
                         List<String> requestedDatabases, long chunkBytes, List<DatabasePlan> databases) {
    public SourcePlan {
        requestedDatabases = requestedDatabases == null ? null : List.copyOf(requestedDatabases);
        databases = List.copyOf(databases);
    }

    public record DatabasePlan(DatabaseInfo info, String dir, List<TablePlan> tables) {
        public DatabasePlan {
            tables = List.copyOf(tables);
        }

        public String name() {
            return info.name();
        }

        public String schemaFile() {
            return dir + "/schema.dump";
        }

        public String metaFile() {
            return dir + "/meta.json";
        }
    }

    public record TablePlan(TableInfo table, List<ChunkPlan> chunks) {
        public TablePlan {
            chunks = List.copyOf(chunks);
        }

        public String fingerprintStep(String db) {
            // quoted names: schema "a.b" + table "c" must not collide with schema "a" + table "b.c"
            return "db/" + db + "/table/" + org.mosipmigrate.core.pg.Sql.qualified(table.schema(), table.name()) + "/fingerprint";
        }
    }

    /** One range of a table. {@code predicate} is a WHERE condition, empty for the whole table. */
    public record ChunkPlan(String id, String predicate, String file) {
    }

    /**
     * The chunks {@code shard} owns (tables without one left out; every database kept, since shard 0 does each
     * database's once-per-run steps): what {@code --dry-run --shard I/N} prints.
     */
    public SourcePlan part(org.mosipmigrate.core.run.Shard shard) {
        if (!shard.isSharded()) {
            return this;
        }
        List<DatabasePlan> dbs = databases.stream().map(d -> new DatabasePlan(d.info(), d.dir(), d.tables().stream()
                .map(t -> new TablePlan(t.table(), t.chunks().stream().filter(ch -> shard.owns(ch.id())).toList()))
                .filter(t -> !t.chunks().isEmpty()).toList())).toList();
        return new SourcePlan(runId, createdAt, sourceHost, sourcePort, serverVersionNum, requestedDatabases, chunkBytes, dbs);
    }

    public long chunkCount() {
        return databases.stream().flatMap(d -> d.tables().stream()).mapToLong(t -> t.chunks().size()).sum();
    }

    public long totalBytes() {
        return databases.stream().flatMap(d -> d.tables().stream()).mapToLong(t -> t.table().bytes()).sum();
    }

    /** Human-readable plan for --dry-run. */
    public String render() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("Plan %s: %d database(s), %d table(s), %d chunk(s), %s on disk at the source (PostgreSQL %d)%n",
                runId, databases.size(), databases.stream().mapToInt(d -> d.tables().size()).sum(), chunkCount(),
                org.mosipmigrate.core.text.Sizes.human(totalBytes()), serverVersionNum / 10000));
        for (DatabasePlan d : databases) {
            long bytes = d.tables().stream().mapToLong(t -> t.table().bytes()).sum();
            sb.append(String.format("  %-28s %4d tables %10s  encoding %s, collate %s%n", d.name(), d.tables().size(), org.mosipmigrate.core.text.Sizes.human(bytes),
                    d.info().encoding(), d.info().collate()));
            for (TablePlan t : d.tables()) {
                sb.append(String.format("    %-50s %10s ~%,d rows, %d chunk(s), %s COPY%n", t.table().qualifiedName(),
                        org.mosipmigrate.core.text.Sizes.human(t.table().bytes()), t.table().estimatedRows(), t.chunks().size(), t.table().copyFormat()));
            }
        }
        return sb.toString();
    }

}
