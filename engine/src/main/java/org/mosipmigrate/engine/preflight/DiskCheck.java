package org.mosipmigrate.engine.preflight;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Free space where the backup set goes, against an estimate of the set: table data (COPY text compressed with zstd:
 * counted at {@value #TABLE_FACTOR} of the tables' on-disk size, a margin over the 3:1 usually seen), object bytes
 * (packets are zip files: counted whole), keystore files.
 */
final class DiskCheck implements Check {
    static final double TABLE_FACTOR = 0.6;
    static final double MARGIN = 1.25;

    @Override
    public String name() {
        return "disk";
    }

    @Override
    public void run(PreflightContext ctx, Findings out) throws IOException {
        Path set = ctx.config().backupSet();
        if (set == null) {
            out.add(Finding.single("DISK_NO_BACKUP_SET", name(), Severity.INFO, "no backupSet configured: no backup planned, free space not checked", ""));
            return;
        }
        long estimate = Math.round(ctx.databaseBytes() * TABLE_FACTOR) + ctx.objectBytes() + ctx.keystoreBytes();
        Path existing = set.toAbsolutePath();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            out.add(Finding.single("DISK_SPACE", name(), Severity.BLOCKING, "no existing directory above backupSet " + set, "create the backup set's parent directory"));
            return;
        }
        long free = Files.getFileStore(existing).getUsableSpace();
        out.fact("disk.backupSet", set.toString());
        out.fact("disk.estimateBytes", estimate);
        out.fact("disk.freeBytes", free);
        String numbers = "estimated backup set " + org.mosipmigrate.core.text.Sizes.human(estimate) + " (tables " + org.mosipmigrate.core.text.Sizes.human(ctx.databaseBytes())
                + " on disk x " + TABLE_FACTOR + ", objects " + org.mosipmigrate.core.text.Sizes.human(ctx.objectBytes()) + ", keystores "
                + org.mosipmigrate.core.text.Sizes.human(ctx.keystoreBytes()) + "); free at " + existing + ": " + org.mosipmigrate.core.text.Sizes.human(free);
        String fix = "free space there or point backupSet at a larger file system (also /tmp for pg_dump's schema files)";
        if (free < estimate) {
            out.add(Finding.listing("DISK_SPACE", name(), Severity.BLOCKING, "not enough free space for the backup set", List.of(numbers), fix));
        } else if (free < estimate * MARGIN) {
            out.add(Finding.listing("DISK_SPACE", name(), Severity.WARNING, "less than " + Math.round((MARGIN - 1) * 100)
                    + "% headroom for the backup set", List.of(numbers), fix));
        } else {
            out.add(Finding.listing("DISK_SPACE", name(), Severity.INFO, "enough free space for the backup set", List.of(numbers), ""));
        }
    }
}
