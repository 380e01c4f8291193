package org.mosipmigrate.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.mosipmigrate.testkit.PgServer;

/** Ownership and grants as in a fresh 1.2.0.1 install: every object owned by the superuser, the app role with table privileges. */
final class OwnershipCheck {
    private OwnershipCheck() {
    }

    static void assertFreshOwnership(PgServer s, MosipDatabase d) throws Exception {
        try (Connection c = s.connect(d.dbName())) {
            List<String> notOwned = new ArrayList<>();
            try (ResultSet rs = c.createStatement().executeQuery("SELECT c.relname || ' owned by ' || pg_get_userbyid(c.relowner) FROM pg_class c "
                    + "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = '" + d.schema() + "' AND c.relkind IN ('r','S','v') "
                    + "AND c.relowner <> (SELECT oid FROM pg_roles WHERE rolname = current_user) "
                    + "UNION ALL SELECT 'schema owned by ' || pg_get_userbyid(nspowner) FROM pg_namespace WHERE nspname = '" + d.schema()
                    + "' AND nspowner <> (SELECT oid FROM pg_roles WHERE rolname = current_user)")) {
                while (rs.next()) {
                    notOwned.add(rs.getString(1));
                }
            }
            assertEquals(List.of(), notOwned, d.dbName() + ": objects not owned by the superuser");
            try (ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FILTER (WHERE NOT has_table_privilege('" + d.appRole()
                    + "', c.oid, 'SELECT,INSERT,UPDATE,DELETE')), count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                    + "WHERE n.nspname = '" + d.schema() + "' AND c.relkind = 'r'")) {
                rs.next();
                assertEquals(0, rs.getInt(1), d.dbName() + ": tables the app role " + d.appRole() + " cannot use");
                assertTrue(rs.getInt(2) > 0);
            }
        }
    }
}
