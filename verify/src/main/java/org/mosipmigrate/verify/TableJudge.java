package org.mosipmigrate.verify;

import java.util.ArrayList;
import java.util.List;
import org.mosipmigrate.verify.Finding.Kind;
import org.mosipmigrate.verify.TableResult.Status;

/** Turns a table's measurements into a result and its findings. Pure: no I/O, so every rule is unit-tested. */
final class TableJudge {
    private TableJudge() {
    }

    record Judged(TableResult result, List<Finding> findings) {
    }

    /**
     * @param source the source measurement, or null when the source is not compared
     */
    static Judged judge(TableJob job, Measurement source, Measurement target) {
        List<Finding> f = new ArrayList<>();
        String item = job.item();
        boolean missing = false;
        if (!target.present()) {
            missing = true;
            f.add(new Finding(job.db(), item, Kind.TABLE_MISSING, "present", "absent",
                    "table " + item + " is missing on the target"));
        }
        if (source != null && !source.present()) {
            missing = true;
            f.add(new Finding(job.db(), item, Kind.TABLE_MISSING, "present", "absent",
                    "table " + item + " is on the target but not on the source"));
        }
        if (job.manifestCompared() && job.expected() == null) {
            missing = true;
            f.add(new Finding(job.db(), item, Kind.TABLE_MISSING, "present", "absent",
                    "table " + item + " is on the target but not in the backup set manifest"));
        }
        missingColumns(job, "target", target, f);
        if (source != null) {
            missingColumns(job, "source", source, f);
        }
        if (target.present()) {
            if (source != null && source.present() && source.rows() != target.rows()) {
                f.add(new Finding(job.db(), item, Kind.ROW_COUNT, Long.toString(source.rows()), Long.toString(target.rows()),
                        item + ": the target has " + target.rows() + " rows, the source " + source.rows()));
            }
            if (job.expected() != null && job.expected().rows() != target.rows()) {
                f.add(new Finding(job.db(), item, Kind.ROW_COUNT, Long.toString(job.expected().rows()), Long.toString(target.rows()),
                        item + ": the target has " + target.rows() + " rows, the backup " + job.expected().rows()));
            }
        }
        if (target.hashed()) {
            if (source != null && source.hashed() && !source.hash().equals(target.hash())) {
                f.add(new Finding(job.db(), item, Kind.CONTENT_HASH, source.hash(), target.hash(),
                        item + ": content differs from the source over columns " + job.columns()));
            }
            String backupHash = manifestHash(job);
            if (backupHash != null && !backupHash.equals(target.hash())) {
                f.add(new Finding(job.db(), item, Kind.CONTENT_HASH, backupHash, target.hash(),
                        item + ": content differs from the backup over columns " + job.columns()));
            }
        }
        Status status = missing ? Status.MISSING : f.isEmpty() ? Status.OK : Status.MISMATCH;
        TableResult r = new TableResult(job.db(), job.qualifiedName(), job.columns(),
                source == null ? null : source.rowsOrNull(), source == null ? null : source.hash(),
                job.expected() == null ? null : job.expected().rows(), manifestHash(job),
                target.rowsOrNull(), target.hash(), status);
        return new Judged(r, f);
    }

    private static String manifestHash(TableJob job) {
        return job.manifestHashComparable() ? job.expected().fingerprint().hash() : null;
    }

    private static void missingColumns(TableJob job, String side, Measurement m, List<Finding> f) {
        for (String col : m.missingColumns()) {
            f.add(new Finding(job.db(), job.item() + "." + col, Kind.COLUMN_MISSING, "present", "absent",
                    "column " + col + " of " + job.item() + " is missing on the " + side));
        }
    }
}
