package org.mosipmigrate.schema;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.mosipmigrate.core.pg.Sql;

/**
 * Every row of every base table of a schema as text (column name to value, NULL as null), read with plain SELECTs: the
 * independent side of the upgrade comparison (it shares no code with the migrations or our fingerprints). Expected rows may
 * hold {@link #NOW} or {@link #NOW_PLUS_12_YEARS} for values an upgrade step sets from the clock.
 */
final class TableRows {
    /** A value set from now() by the step under test. */
    static final String NOW = "~now";
    /** now() + 12 years (partner policies MOSIP's step makes valid for 12 years). */
    static final String NOW_PLUS_12_YEARS = "~now+12y";
    private static final Pattern TIMESTAMP = Pattern.compile("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}(\\.\\d+)?");
    private static final DateTimeFormatter PARSE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss[.SSSSSS][.SSSSS][.SSSS][.SSS][.SS][.S]");

    private TableRows() {
    }

    /** table -> rows of {@code schema} (tables sorted by name). */
    static Map<String, List<Map<String, String>>> read(Connection c, String schema) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (ResultSet rs = c.createStatement().executeQuery("SELECT tablename FROM pg_tables WHERE schemaname = " + Sql.literal(schema) + " ORDER BY 1")) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        }
        Map<String, List<Map<String, String>>> out = new TreeMap<>();
        for (String t : tables) {
            List<Map<String, String>> rows = new ArrayList<>();
            try (ResultSet rs = c.createStatement().executeQuery("SELECT * FROM " + Sql.qualified(schema, t))) {
                ResultSetMetaData md = rs.getMetaData();
                while (rs.next()) {
                    Map<String, String> row = new LinkedHashMap<>();
                    for (int i = 1; i <= md.getColumnCount(); i++) {
                        row.put(md.getColumnName(i), normalize(rs.getString(i)));
                    }
                    rows.add(row);
                }
            }
            out.put(t, rows);
        }
        return out;
    }

    /** Timestamps without trailing zeros in the fraction (as the SQL literals of the facts write them, or not). */
    static String normalize(String v) {
        if (v == null || !TIMESTAMP.matcher(v).matches() || !v.contains(".")) {
            return v;
        }
        String s = v.replaceAll("0+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }

    /** The clock window of the upgrade, in the servers' timestamp text, for {@link #NOW} values. */
    record Window(LocalDateTime from, LocalDateTime to) {
        boolean holds(String expected, String actual) {
            if (!expected.equals(NOW) && !expected.equals(NOW_PLUS_12_YEARS)) {
                return expected.equals(actual);
            }
            if (actual == null || !TIMESTAMP.matcher(actual).matches()) {
                return false;
            }
            LocalDateTime t = LocalDateTime.parse(actual, PARSE);
            if (expected.equals(NOW_PLUS_12_YEARS)) {
                t = t.minusYears(12);
            }
            return !t.isBefore(from) && !t.isAfter(to);
        }
    }

    /**
     * The rows of {@code expected} and {@code actual} that have no partner on the other side (a row matches when every column
     * of the actual row equals the expected value, a clock token matching a time inside the window); empty when equal.
     */
    static List<String> differences(List<Map<String, String>> expected, List<Map<String, String>> actual, Window window) {
        List<Map<String, String>> left = new ArrayList<>(actual);
        List<String> out = new ArrayList<>();
        for (Map<String, String> e : expected) {
            Map<String, String> match = null;
            for (Map<String, String> a : left) {
                if (a.keySet().equals(e.keySet()) && a.keySet().stream().allMatch(k -> e.get(k) == null ? a.get(k) == null
                        : window.holds(e.get(k), a.get(k)))) {
                    match = a;
                    break;
                }
            }
            if (match == null) {
                out.add("expected, not found: " + new TreeMap<>(e));
            } else {
                left.remove(match);
            }
        }
        left.forEach(a -> out.add("found, not expected: " + new TreeMap<>(a)));
        return out;
    }
}
