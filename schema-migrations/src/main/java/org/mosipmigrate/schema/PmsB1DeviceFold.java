package org.mosipmigrate.schema;

import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;
import org.mosipmigrate.core.run.Progress;

/** pms B1 (placeholder while being written). */
final class PmsB1DeviceFold implements JavaMigration {
    private final TargetDatabases target;
    private final Progress progress;

    PmsB1DeviceFold(TargetDatabases target, Progress progress) {
        this.target = target;
        this.progress = progress;
    }

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromVersion("1.2.0.1.1");
    }

    @Override
    public String getDescription() {
        return "pms B1";
    }

    @Override
    public Integer getChecksum() {
        return 0;
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }

    @Override
    public void migrate(Context context) {
        throw new UnsupportedOperationException(target + " " + progress);
    }
}
