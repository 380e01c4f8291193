package org.mosipmigrate.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class PgServersTest {
    @Test
    void localPairIsTwoRealServersWithPasswordAuth() throws Exception {
        PgServers.Pair pair = PgServers.local();
        assertNotEquals(pair.source().port(), pair.target().port());
        try (Connection c = pair.source().connect("postgres"); ResultSet rs = c.createStatement().executeQuery("SELECT 1")) {
            rs.next();
            assertEquals(1, rs.getInt(1));
        }
        Properties wrong = new Properties();
        wrong.setProperty("user", "postgres");
        wrong.setProperty("password", "not-the-password");
        SQLException e = assertThrows(SQLException.class, () -> DriverManager.getConnection(
                "jdbc:postgresql://127.0.0.1:" + pair.source().port() + "/postgres", wrong));
        assertEquals("28P01", e.getSQLState());
    }

    @Test
    void productionPairRunsPostgres12And16() throws Exception {
        PgServers.Pair pair = PgServers.production();
        assertEquals(12, version(pair.source()) / 10000);
        assertEquals(16, version(pair.target()) / 10000);
    }

    private static int version(PgServer s) throws SQLException {
        try (Connection c = s.connect("postgres"); ResultSet rs = c.createStatement().executeQuery("SHOW server_version_num")) {
            rs.next();
            return Integer.parseInt(rs.getString(1));
        }
    }
}
