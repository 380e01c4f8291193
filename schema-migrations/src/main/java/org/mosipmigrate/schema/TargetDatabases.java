package org.mosipmigrate.schema;

import java.sql.Connection;

/** Opens connections to databases of the target server as its configured superuser (PgConnector::open in the CLI). */
@FunctionalInterface
public interface TargetDatabases {
    Connection open(String database);
}
