package org.mosipmigrate.backup.pg;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mosipmigrate.core.set.Manifest.RoleEntry;

/**
 * Reads the cluster roles (without passwords: V3 installs set their own, and a backup set must not
 * carry credential material) and their memberships.
 */
public final class RolesReader {
    private RolesReader() {
    }

    public static List<RoleEntry> read(Connection c) throws SQLException {
        Map<String, List<String>> memberOf = new LinkedHashMap<>();
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT m.rolname, r.rolname FROM pg_auth_members a JOIN pg_roles r ON r.oid = a.roleid "
                     + "JOIN pg_roles m ON m.oid = a.member WHERE r.rolname !~ '^pg_' ORDER BY 1, 2")) {
            while (rs.next()) {
                memberOf.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
            }
        }
        List<RoleEntry> out = new ArrayList<>();
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT rolname, rolsuper, rolinherit, rolcreaterole, rolcreatedb, rolcanlogin, "
                     + "rolreplication, rolbypassrls, rolconnlimit FROM pg_roles WHERE rolname !~ '^pg_' ORDER BY rolname")) {
            while (rs.next()) {
                String name = rs.getString(1);
                out.add(new RoleEntry(name, rs.getBoolean(2), rs.getBoolean(3), rs.getBoolean(4), rs.getBoolean(5),
                        rs.getBoolean(6), rs.getBoolean(7), rs.getBoolean(8), rs.getInt(9), memberOf.getOrDefault(name, List.of())));
            }
        }
        return out;
    }
}
