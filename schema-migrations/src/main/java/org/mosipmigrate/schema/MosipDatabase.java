package org.mosipmigrate.schema;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.mosipmigrate.core.error.ErrorCode;
import org.mosipmigrate.core.error.MigrateException;

/**
 * The MOSIP databases this module knows: the 13 of 1.2.0.1 (two of them, hotlist and resident, created by
 * the upgrade) and the two V2 databases that pms B1 folds into mosip_pms. Each has one schema named after
 * it, one app role, and MOSIP's chain of steps B1..Bn + final, which map to Flyway versions
 * 1.2.0.1.1 .. 1.2.0.1.n and {@value #FINAL_VERSION}.
 */
public enum MosipDatabase {
    MOSIP_AUDIT(2, true, true, false),
    MOSIP_CREDENTIAL(3, true, true, true),
    MOSIP_HOTLIST(2, false, true, false),
    MOSIP_IDA(6, true, true, true),
    MOSIP_IDMAP(3, true, true, false),
    MOSIP_IDREPO(3, true, true, false),
    MOSIP_KERNEL(2, true, true, false),
    MOSIP_KEYMGR(4, true, true, false),
    MOSIP_MASTER(2, true, true, true),
    MOSIP_PMS(4, true, true, false),
    MOSIP_PREREG(2, true, true, true),
    MOSIP_REGPRC(3, true, true, false),
    MOSIP_RESIDENT(3, false, true, false),
    /** V2 only: folded into mosip_pms by pms B1, left in place (dropped by `cleanup --apply`). */
    MOSIP_AUTHDEVICE(0, true, false, false),
    MOSIP_REGDEVICE(0, true, false, false);

    public static final String BASELINE_VERSION = "1.1.5.5";
    public static final String FINAL_VERSION = "1.2.0.1.99";
    public static final String BASELINE_SCRIPT = "V1.1.5.5__baseline_1.1.5.5.sql";
    /** Where Flyway keeps its history in every MOSIP database (the schema restore markers also use). */
    public static final String HISTORY_SCHEMA = "mosip_migrate";
    public static final String HISTORY_TABLE = "flyway_schema_history";

    private final int builds;
    private final boolean inV2;
    private final boolean inV3;
    private final boolean batch;

    MosipDatabase(int builds, boolean inV2, boolean inV3, boolean batch) {
        this.builds = builds;
        this.inV2 = inV2;
        this.inV3 = inV3;
        this.batch = batch;
    }

    public String dbName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String schema() {
        return dbName().substring("mosip_".length());
    }

    public String appRole() {
        return schema() + "user";
    }

    /** Number of MOSIP build steps B1..Bn before "final" (0 = no chain). */
    public int builds() {
        return builds;
    }

    public boolean inV2() {
        return inV2;
    }

    public boolean inV3() {
        return inV3;
    }

    /** Created by the upgrade (hotlist, resident): the database and role may or may not exist already. */
    public boolean createdByUpgrade() {
        return inV3 && !inV2;
    }

    /** Spring Batch sequences, which are not in the table catalog. */
    public List<String> batchSequences() {
        return batch ? List.of("batch_job_seq", "batch_job_execution_seq", "batch_step_execution_seq") : List.of();
    }

    /** Table privileges of the app role in a fresh 1.2.0.1 install (idrepo's app role has no TRUNCATE). */
    public String appPrivileges() {
        return this == MOSIP_IDREPO ? "SELECT, INSERT, UPDATE, DELETE, REFERENCES" : "SELECT, INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES";
    }

    /** Steps of this database's chain: "1.2.0.1-B1" ... and "1.2.0.1", each with its Flyway version. */
    public List<Step> steps() {
        List<Step> out = new ArrayList<>();
        if (builds == 0) {
            return out;
        }
        for (int i = 1; i <= builds; i++) {
            out.add(new Step("1.2.0.1-B" + i, "1.2.0.1." + i));
        }
        out.add(new Step("1.2.0.1", FINAL_VERSION));
        return out;
    }

    public record Step(String mosipName, String flywayVersion) {
    }

    /** classpath location of the migrations of a database. */
    public static String location(String db) {
        return "db/" + db;
    }

    public static Optional<MosipDatabase> find(String db) {
        return Arrays.stream(values()).filter(d -> d.dbName().equals(db)).findFirst();
    }

    public static MosipDatabase of(String db) {
        return find(db).orElseThrow(() -> new MigrateException(ErrorCode.USAGE, "unknown MOSIP database '" + db + "'",
                "use one of " + Arrays.stream(values()).map(MosipDatabase::dbName).toList()));
    }

    /** The 13 databases of MOSIP 1.2.0.1, in upgrade order (pms after nothing it reads is changed; any order works). */
    public static List<MosipDatabase> v3() {
        return Arrays.stream(values()).filter(MosipDatabase::inV3).toList();
    }

    /**
     * A user-facing target version to a Flyway version: "1.1.5.5", "1.2.0.1-B3" (MOSIP step names),
     * "1.2.0.1" (= the final step), or a Flyway version such as "1.2.0.1.3".
     */
    public static String toFlywayVersion(String v) {
        if (v.equals("1.2.0.1")) {
            return FINAL_VERSION;
        }
        if (v.matches("1\\.2\\.0\\.1-B\\d+")) {
            return "1.2.0.1." + v.substring(v.indexOf("-B") + 2);
        }
        if (v.matches("\\d+(\\.\\d+)*")) {
            return v;
        }
        throw new MigrateException(ErrorCode.USAGE, "'" + v + "' is not a schema version",
                "write 1.1.5.5, 1.2.0.1-B<n> (a MOSIP build step) or 1.2.0.1");
    }

    /** The MOSIP name of a Flyway version of this chain, e.g. 1.2.0.1.3 -> 1.2.0.1-B3. */
    public static String mosipName(String flywayVersion) {
        if (flywayVersion == null) {
            return "none";
        }
        if (flywayVersion.equals(FINAL_VERSION)) {
            return "1.2.0.1";
        }
        if (flywayVersion.startsWith("1.2.0.1.")) {
            return "1.2.0.1-B" + flywayVersion.substring("1.2.0.1.".length());
        }
        return flywayVersion;
    }
}
