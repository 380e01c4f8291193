package org.mosipmigrate.schema.catalog;

import java.util.List;
import java.util.Map;

/**
 * Differences between an upgraded database and a fresh 1.2.0.1 install that are intended, each with its
 * reason (resource mosip-catalog/known-differences-1.2.0.1.csv, mirrored in docs/schema-differences.md).
 * {@code verify --schema 1.2.0.1} reports them as known instead of failing.
 */
public final class KnownDifferences {
    public record Known(String db, String kind, String table, String name, String reason) {
        public String key() {
            return db + "|" + kind + "|" + table + "|" + name;
        }
    }

    private static final List<Known> ALL = SchemaCatalog.Csv.read("mosip-catalog/known-differences-1.2.0.1.csv").stream()
            .map(r -> new Known(r.get("db"), r.get("kind"), r.get("table"), r.get("name"), r.get("reason"))).toList();

    private KnownDifferences() {
    }

    public static List<Known> all() {
        return ALL;
    }

    public static List<Known> of(String db) {
        return ALL.stream().filter(k -> k.db().equals(db)).toList();
    }

    /** The known entry matching a difference, or null. */
    public static Known match(CatalogDiff.Difference d) {
        Map<String, Known> byKey = new java.util.HashMap<>();
        ALL.forEach(k -> byKey.put(k.key(), k));
        return byKey.get(d.key());
    }
}
