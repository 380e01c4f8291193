package org.mosipmigrate.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.mosipmigrate.testkit.PgServers;

class ReadOnlySideTest {
    @Test
    void verificationSessionsCannotWrite() throws Exception {
        PgServers.Pair pair = PgServers.local();
        String db = pair.target().freshDatabase("v_read_only");
        pair.target().execute(db, "CREATE TABLE t (x int)");
        ReadOnlySide side = new ReadOnlySide(Fixture.endpoint("target", pair.target(), Fixture.TARGET_PW_VAR, null), Fixture.env(pair));
        try (Connection c = side.open(db)) {
            SQLException e = assertThrows(SQLException.class, () -> c.createStatement().execute("INSERT INTO t VALUES (1)"));
            assertEquals("25006", e.getSQLState()); // read_only_sql_transaction
        }
    }
}
