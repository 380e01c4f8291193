package org.mosipmigrate.transfer;

import org.mosipmigrate.core.set.SetSpool;
import org.mosipmigrate.core.set.store.BackupSetStore;

/**
 * One command's access to its backup set: the {@link SetSpool} the stages use, the store the set lives in,
 * and {@link #publish()}, which makes what the stages wrote locally part of the set (for a local set there
 * is nothing to do).
 */
public interface SpoolSession extends AutoCloseable {
    SetSpool spool();

    BackupSetStore store();

    /** After a part is finished: everything not yet in the store goes there, the part's manifests last. */
    void publish();

    @Override
    void close();
}
