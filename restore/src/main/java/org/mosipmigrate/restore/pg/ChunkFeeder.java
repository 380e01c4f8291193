package org.mosipmigrate.restore.pg;

import org.postgresql.copy.CopyIn;

/** Pushes one chunk's COPY data into an open COPY IN: from a backup-set file or straight from a source. */
@FunctionalInterface
public interface ChunkFeeder {
    void feed(CopyIn in) throws Exception;
}
