package org.mosipmigrate.backup.pg;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.mosipmigrate.core.error.ErrorCode;
import org.mosipmigrate.core.error.MigrateException;
import org.mosipmigrate.core.pg.PgConnector;
import org.mosipmigrate.core.pg.PgTools;

/** Dumps one database's DDL (pre- and post-data sections, no rows) with pg_dump under our snapshot. */
public final class SchemaDumper {
    private final PgTools tools;
    private final PgConnector source;

    public SchemaDumper(PgTools tools, PgConnector source) {
        this.tools = tools;
        this.source = source;
    }

    /** Fails early, naming both versions, when pg_dump is older than the server (it would refuse later). */
    public void checkVersion(int serverVersionNum) {
        int dumpMajor = tools.majorVersion("pg_dump");
        if (dumpMajor < serverVersionNum / 10000) {
            throw new MigrateException(ErrorCode.EXTERNAL_TOOL,
                    "pg_dump " + dumpMajor + " cannot dump a PostgreSQL " + serverVersionNum / 10000 + " server",
                    "install PostgreSQL " + serverVersionNum / 10000 + "+ client tools and set pgBinDir");
        }
    }

    public void dump(String db, String snapshotId, Path file) throws Exception {
        org.mosipmigrate.core.set.PrivateFiles.createDirectories(file.getParent());
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        try (PgConnector.LibpqEnv env = source.libpqEnv()) {
            tools.run(List.of(tools.executable("pg_dump"), "--format=custom", "--schema-only",
                    "--snapshot=" + snapshotId, "--file=" + partial, "--dbname=" + db), env, "schema of database " + db);
        }
        org.mosipmigrate.core.set.PrivateFiles.restrict(partial);
        Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        org.mosipmigrate.core.json.Json.syncDirectory(file.getParent());
    }
}
