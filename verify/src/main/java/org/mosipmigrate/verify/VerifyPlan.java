package org.mosipmigrate.verify;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.mosipmigrate.core.config.PgEndpoint;
import org.mosipmigrate.core.set.Manifest;

/**
 * What {@link VerifyService#execute} will compare: per database the reference table list with the
 * columns each table is fingerprinted on, and the sides compared (target always; live source and/or
 * backup manifest). Built read-only; {@link #render()} prints it for --dry-run.
 *
 * @param source       the live source endpoint, or null when the source is not compared
 * @param manifestFile the manifest compared with, or null
 * @param notes        things the operator should know (ignored overrides, a missing manifest)
 */
public record VerifyPlan(PgEndpoint target, PgEndpoint source, Path manifestFile, VerifyOptions options,
                         List<DatabasePlan> databases, List<String> notes) {

    public VerifyPlan {
        databases = List.copyOf(databases);
        notes = List.copyOf(notes);
    }

    public boolean comparesSource() {
        return source != null;
    }

    public boolean comparesManifest() {
        return manifestFile != null;
    }

    /** Where a table list or a column list came from. */
    public enum Origin { MANIFEST, SOURCE, OVERRIDE }

    /** What the backup recorded for a table: its row count and (optionally) its content fingerprint. */
    public record Expectation(long rows, Manifest.FingerprintEntry fingerprint) {
    }

    /**
     * @param expected the manifest's record of the table, or null when the manifest is not compared
     */
    public record TablePlan(String schema, String name, List<String> columns, Origin columnsFrom, Expectation expected) {
        public TablePlan {
            columns = List.copyOf(columns);
        }

        public String qualifiedName() {
            return schema + "." + name;
        }

        /** The backup hash can only be compared when it was taken over exactly these columns. */
        public boolean manifestHashComparable() {
            return expected != null && expected.fingerprint() != null && columns.equals(expected.fingerprint().columns());
        }
    }

    /**
     * @param manifestCensus    the manifest's schema-object counts, null when the manifest is not compared
     * @param manifestSequences the manifest's sequence values, null when the manifest is not compared
     */
    public record DatabasePlan(String name, Origin tablesFrom, List<TablePlan> tables, List<String> excludedTables,
                               Map<String, Long> manifestCensus, List<Manifest.SequenceEntry> manifestSequences) {
        public DatabasePlan {
            tables = List.copyOf(tables);
            excludedTables = List.copyOf(excludedTables);
            manifestCensus = manifestCensus == null ? null : Map.copyOf(manifestCensus);
            manifestSequences = manifestSequences == null ? null : List.copyOf(manifestSequences);
        }
    }

    /** The tables {@code shard} compares (by db.schema.table): what {@code --dry-run --shard I/N} prints. */
    public VerifyPlan part(org.mosipmigrate.core.run.Shard shard) {
        if (!shard.isSharded()) {
            return this;
        }
        List<DatabasePlan> dbs = databases.stream().map(d -> new DatabasePlan(d.name(), d.tablesFrom(),
                d.tables().stream().filter(t -> shard.owns(d.name() + "." + t.qualifiedName())).toList(), d.excludedTables(),
                d.manifestCensus(), d.manifestSequences())).toList();
        List<String> n = new java.util.ArrayList<>(notes);
        n.add("shard " + shard.label() + ": only the tables listed; " + (shard.isFirst() ? "this shard also compares" : "shard 0 compares")
                + " schema objects and sequences");
        return new VerifyPlan(target, source, manifestFile, options, dbs, n);
    }

    public int tableCount() {
        return databases.stream().mapToInt(d -> d.tables().size()).sum();
    }

    public String render() {
        StringBuilder sb = new StringBuilder("verify plan\n");
        sb.append("  target:   ").append(target.describe()).append('\n');
        sb.append("  source:   ").append(source == null ? "not compared" : source.describe()).append('\n');
        sb.append("  manifest: ").append(manifestFile == null ? "not compared" : manifestFile.toString()).append('\n');
        for (DatabasePlan d : databases) {
            sb.append("  database ").append(d.name()).append(": ").append(d.tables().size()).append(" tables (list from ")
              .append(d.tablesFrom().name().toLowerCase()).append(")");
            if (!d.excludedTables().isEmpty()) {
                sb.append(", ").append(d.excludedTables().size()).append(" excluded");
            }
            sb.append('\n');
            for (TablePlan t : d.tables()) {
                sb.append("    ").append(t.qualifiedName()).append("  ").append(t.columns().size()).append(" columns from ")
                  .append(t.columnsFrom().name().toLowerCase());
                if (t.columnsFrom() == Origin.OVERRIDE) {
                    sb.append(' ').append(t.columns());
                }
                if (t.expected() != null) {
                    sb.append(", backup rows ").append(t.expected().rows())
                      .append(t.manifestHashComparable() ? ", backup hash compared" : ", backup hash not comparable");
                }
                sb.append('\n');
            }
            for (String x : d.excludedTables()) {
                sb.append("    ").append(x).append("  excluded\n");
            }
        }
        sb.append("  schema objects and sequences are compared in every database\n");
        for (String n : notes) {
            sb.append("  note: ").append(n).append('\n');
        }
        return sb.toString();
    }
}
