package org.mosipmigrate.verify;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.mosipmigrate.core.pg.PgCatalog.TableInfo;
import org.mosipmigrate.verify.VerifyPlan.DatabasePlan;
import org.mosipmigrate.verify.VerifyPlan.TablePlan;

/**
 * Matches one database's reference table list with the tables that really exist on the target (and
 * the source): planned tables become jobs whatever their presence, and tables found only on a live
 * side become jobs too, so a table on one side only always yields a finding.
 */
final class TableInventory {
    private TableInventory() {
    }

    /**
     * @param target tables on the target by {@code schema.table} (empty when the database is missing)
     * @param source tables on the source, or null when the source is not compared
     */
    static List<TableJob> jobs(DatabasePlan plan, VerifyOptions o, boolean manifestCompared,
                               Map<String, TableInfo> target, Map<String, TableInfo> source) {
        List<TableJob> jobs = new ArrayList<>();
        Set<String> planned = new HashSet<>(plan.excludedTables());
        for (TablePlan t : plan.tables()) {
            planned.add(t.qualifiedName());
            jobs.add(job(plan.name(), t.schema(), t.name(), t.columns(), manifestCompared, t,
                    target.get(t.qualifiedName()), source, source == null ? null : source.get(t.qualifiedName())));
        }
        Map<String, TableInfo> extras = new LinkedHashMap<>();
        if (source != null) {
            source.forEach((k, v) -> extras.putIfAbsent(k, v));
        }
        target.forEach((k, v) -> extras.putIfAbsent(k, v));
        for (Map.Entry<String, TableInfo> e : extras.entrySet()) {
            String name = e.getKey();
            if (planned.contains(name) || o.excludes(plan.name(), name)) {
                continue;
            }
            TableInfo any = e.getValue();
            List<String> override = o.overrideFor(plan.name(), name);
            jobs.add(job(plan.name(), any.schema(), any.name(), override != null ? override : any.columnNames(),
                    manifestCompared, null, target.get(name), source, source == null ? null : source.get(name)));
        }
        return jobs;
    }

    private static TableJob job(String db, String schema, String name, List<String> columns, boolean manifestCompared,
                                TablePlan planned, TableInfo onTarget, Map<String, TableInfo> source, TableInfo onSource) {
        long size = Math.max(onTarget == null ? 0 : onTarget.bytes(), onSource == null ? 0 : onSource.bytes());
        return new TableJob(db, schema, name, columns, manifestCompared,
                planned == null ? null : planned.expected(), planned != null && planned.manifestHashComparable(),
                columnsOf(onTarget), source != null, columnsOf(onSource), size);
    }

    private static Set<String> columnsOf(TableInfo t) {
        return t == null ? null : new LinkedHashSet<>(t.columnNames());
    }

    static Map<String, TableInfo> byName(List<TableInfo> tables) {
        Map<String, TableInfo> out = new LinkedHashMap<>();
        tables.forEach(t -> out.put(t.qualifiedName(), t));
        return out;
    }
}
