package org.mosipmigrate.backup.pg;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.mosipmigrate.core.pg.PgCatalog.TableInfo;
import org.mosipmigrate.core.pg.Sql;

/**
 * Splits a large table into ranges that workers can read in parallel. PostgreSQL 14+ has TID range
 * scans, so page ranges of the heap are cheap; on older servers (V2 runs 12) a ctid range is a full
 * scan per chunk, so ranges of the leading primary-key column taken from pg_stats histogram bounds
 * are used instead, falling back to page ranges when no statistics exist. Ranges are half-open and
 * the first/last are unbounded, so rows added after planning are never missed.
 */
final class ChunkSplitter {
    private ChunkSplitter() {
    }

    static List<String> predicates(Connection c, int serverVersionNum, TableInfo t, long chunkBytes) throws SQLException {
        long pieces = Math.min(Math.max(1, (t.bytes() + chunkBytes - 1) / chunkBytes), Math.max(1, t.relpages()));
        if (pieces <= 1) {
            return List.of("");
        }
        if (serverVersionNum < 140000 && !t.primaryKey().isEmpty()) {
            List<String> byKey = keyRanges(c, t, (int) Math.min(pieces, 256));
            if (byKey.size() > 1) {
                return byKey;
            }
        }
        return pageRanges(t.relpages(), pieces);
    }

    static List<String> pageRanges(long relpages, long pieces) {
        long per = (relpages + pieces - 1) / pieces;
        List<String> out = new ArrayList<>();
        for (long start = 0; start < relpages; start += per) {
            long end = start + per;
            String lo = start == 0 ? null : "ctid >= '(" + start + ",0)'::tid";
            String hi = end >= relpages ? null : "ctid < '(" + end + ",0)'::tid";
            out.add(join(lo, hi));
        }
        return out;
    }

    private static List<String> keyRanges(Connection c, TableInfo t, int pieces) throws SQLException {
        String key = t.primaryKey().get(0);
        String type = t.columns().stream().filter(col -> col.name().equals(key)).findFirst().orElseThrow().type();
        List<String> bounds = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT b FROM pg_stats s, unnest(s.histogram_bounds::text::" + type + "[]) WITH ORDINALITY u(b, i) "
                        + "WHERE s.schemaname = ? AND s.tablename = ? AND s.attname = ? ORDER BY i")) {
            ps.setString(1, t.schema());
            ps.setString(2, t.name());
            ps.setString(3, key);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    bounds.add(rs.getString(1));
                }
            }
        } catch (SQLException e) {
            return List.of();
        }
        if (bounds.size() < 3) {
            return List.of();
        }
        List<String> cuts = new ArrayList<>();
        for (int i = 1; i < pieces; i++) {
            String b = bounds.get((int) ((long) i * (bounds.size() - 1) / pieces));
            if (cuts.isEmpty() || !cuts.get(cuts.size() - 1).equals(b)) {
                cuts.add(b);
            }
        }
        String col = Sql.ident(key);
        List<String> out = new ArrayList<>();
        for (int i = 0; i <= cuts.size(); i++) {
            String lo = i == 0 ? null : col + " >= " + Sql.literal(cuts.get(i - 1)) + "::" + type;
            String hi = i == cuts.size() ? null : col + " < " + Sql.literal(cuts.get(i)) + "::" + type;
            out.add(join(lo, hi));
        }
        return out;
    }

    private static String join(String lo, String hi) {
        if (lo == null && hi == null) {
            return "";
        }
        if (lo == null) {
            return hi;
        }
        return hi == null ? lo : lo + " AND " + hi;
    }
}
