package org.mosipmigrate.core.pg;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Order-independent content fingerprint of a table, computed inside the server so nothing is
 * streamed: the md5 of each row's text rendering (over a chosen column list) is split into two 64-bit
 * halves that are summed over all rows. Sums make it independent of physical order and count
 * duplicates; the session settings of {@link PgConnector} make the text rendering identical across
 * servers and major versions.
 */
public final class TableFingerprint {
    private TableFingerprint() {
    }

    public record Fingerprint(long rows, String hash) {
    }

    public static String sql(String schema, String table, List<String> columns) {
        String row = columns.isEmpty() ? "''" : "ROW(" + columns.stream().map(Sql::ident).collect(Collectors.joining(", ")) + ")::text";
        String half1 = "('x' || substr(h, 1, 16))::bit(64)::bigint::numeric";
        String half2 = "('x' || substr(h, 17, 16))::bit(64)::bigint::numeric";
        return "SELECT count(*), " + unsigned("sum(" + half1 + ")") + " || '-' || " + unsigned("sum(" + half2 + ")") + " "
                + "FROM (SELECT md5(" + row + ") AS h FROM ONLY " + Sql.qualified(schema, table) + ") x";
    }

    /** The sum reduced into [0, 2^64), so the hash carries no sign. */
    private static String unsigned(String sum) {
        String m = "18446744073709551616";
        return "mod(mod(coalesce(" + sum + ", 0), " + m + ") + " + m + ", " + m + ")::text";
    }

    public static Fingerprint compute(Connection c, String schema, String table, List<String> columns) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql(schema, table, columns))) {
            rs.next();
            return new Fingerprint(rs.getLong(1), rs.getString(2));
        }
    }
}
