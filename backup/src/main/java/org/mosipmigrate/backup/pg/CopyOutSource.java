package org.mosipmigrate.backup.pg;

import java.io.OutputStream;
import java.sql.Connection;
import org.mosipmigrate.backup.pg.SourcePlan.ChunkPlan;
import org.mosipmigrate.core.pg.PgCatalog.TableInfo;
import org.mosipmigrate.core.pg.Sql;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import org.postgresql.copy.CopyOut;

/** Streams one chunk of a table out of the source with COPY ... TO STDOUT (never materialised). */
public final class CopyOutSource {
    private CopyOutSource() {
    }

    public static String copyOutSql(TableInfo t, ChunkPlan chunk) {
        String cols = Sql.columnList(t.columnNames());
        String format = "(FORMAT " + t.copyFormat() + ")";
        if (chunk.predicate().isEmpty()) {
            return "COPY " + Sql.qualified(t.schema(), t.name()) + " (" + cols + ") TO STDOUT " + format;
        }
        return "COPY (SELECT " + cols + " FROM ONLY " + Sql.qualified(t.schema(), t.name()) + " WHERE " + chunk.predicate()
                + ") TO STDOUT " + format;
    }

    /** Writes the chunk into {@code out} (not closed) and returns the row count. */
    public static long copyTo(Connection c, TableInfo t, ChunkPlan chunk, OutputStream out) throws Exception {
        CopyManager cm = c.unwrap(PGConnection.class).getCopyAPI();
        return cm.copyOut(copyOutSql(t, chunk), org.mosipmigrate.core.run.Throttle.source().limit(out));
    }

    /** Low-level handle for a direct copy: the caller reads buffers and must finish or cancel it. */
    public static CopyOut open(Connection c, TableInfo t, ChunkPlan chunk) throws Exception {
        return c.unwrap(PGConnection.class).getCopyAPI().copyOut(copyOutSql(t, chunk));
    }
}
