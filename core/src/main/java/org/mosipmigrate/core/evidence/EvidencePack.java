package org.mosipmigrate.core.evidence;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;

/**
 * What one verification (or rehearsal) proved, as written to {@code evidence.json} (docs/evidence.md). Every
 * count, hash and difference the run saw is here; secrets never are (the config appears only as a digest of
 * its canonical form, which names environment variables and files, never their content). The
 * {@link Signature} comes last so that the MAC can be computed over the exact bytes of the file.
 *
 * @param verdict {@code PASSED} exactly when {@code mismatches} is empty
 */
@JsonPropertyOrder({"format", "formatVersion", "command", "tool", "createdAt", "verdict", "config", "source", "phases", "databases",
        "tables", "objects", "keystores", "schema", "mismatches", "notes", "report", "signature"})
public record EvidencePack(String format, int formatVersion, String command, String tool, String createdAt, String verdict,
                           ConfigDigest config, SourceRef source, List<Phase> phases, List<DatabaseEvidence> databases,
                           List<TableEvidence> tables, ObjectsEvidence objects, List<KeystoreEvidence> keystores,
                           List<SchemaEvidence> schema, List<Mismatch> mismatches, List<String> notes, ReportRef report,
                           Signature signature) {
    public static final String FORMAT = "mosip-migrate-evidence";
    public static final int FORMAT_VERSION = 1;
    public static final String PASSED = "PASSED";
    public static final String FAILED = "FAILED";

    public EvidencePack {
        phases = List.copyOf(phases);
        databases = List.copyOf(databases);
        tables = List.copyOf(tables);
        keystores = List.copyOf(keystores);
        schema = List.copyOf(schema);
        mismatches = List.copyOf(mismatches);
        notes = List.copyOf(notes);
    }

    public static EvidenceBuilder builder(String command) {
        return new EvidenceBuilder(command);
    }

    public boolean passed() {
        return PASSED.equals(verdict);
    }

    EvidencePack withReport(ReportRef ref) {
        return new EvidencePack(format, formatVersion, command, tool, createdAt, verdict, config, source, phases, databases, tables, objects,
                keystores, schema, mismatches, notes, ref, signature);
    }

    EvidencePack withSignature(Signature sig) {
        return new EvidencePack(format, formatVersion, command, tool, createdAt, verdict, config, source, phases, databases, tables, objects,
                keystores, schema, mismatches, notes, report, sig);
    }

    /** The configuration file, as the SHA-256 of its canonical form (see {@link ConfigDigest#of}). */
    public record ConfigDigest(String file, String sha256, Map<String, Object> canonical) {
    }

    /** What the target was restored from, when a backup set's manifest is known; {@code lsn} is null when not recorded. */
    public record SourceRef(String backupSet, String runId, String backupCreatedAt, String host, Integer port, Integer serverVersionNum,
                            Map<String, List<String>> snapshots, String lsn) {
    }

    /** One timed step of the run; {@code passed} is null for phases that judge nothing. */
    public record Phase(String name, String startedAt, double seconds, Long units, String unit, Long rows, Long bytes, Boolean passed) {
    }

    /** A target database: its size, schema-object counts and (when it has a Flyway history) its applied migrations. */
    public record DatabaseEvidence(String name, int tables, long targetRows, Map<String, Long> targetCensus, int sequences,
                                   List<Migration> migrations) {
    }

    /** One row of the database's Flyway history table; {@code checksum} is Flyway's CRC32 of the script. */
    public record Migration(int rank, String version, String description, String script, Integer checksum, boolean success) {
    }

    /** One compared table: row count and content fingerprint per side (null = side not compared). */
    public record TableEvidence(String db, String table, int columns, Long sourceRows, String sourceHash, Long manifestRows,
                                String manifestHash, Long targetRows, String targetHash, String status) {
    }

    public record ObjectsEvidence(String mode, boolean deep, long buckets, long objects, long bytes, long differences,
                                  List<BucketEvidence> perBucket) {
    }

    /** Objects and bytes of one bucket on the expected side (source or backup set) and under its mapped target location. */
    public record BucketEvidence(String bucket, Long expectedObjects, Long expectedBytes, Long targetObjects, Long targetBytes, String status) {
    }

    public record KeystoreEvidence(String name, String type, int files, List<String> sides, boolean opened, List<KeyEvidence> keys,
                                   String status) {
    }

    /** One keystore object: public facts only (thumbprint, expiry, result of its round trip: sign + verify for a private key, encrypt + decrypt for a secret key). */
    public record KeyEvidence(String key, String kind, String algorithm, String notAfter, String certSha256, String signVerify) {
    }

    public record SchemaEvidence(String db, String version, boolean exists, int unexpected, int known, boolean passed) {
    }

    /** One difference; {@code part} is db, objects, keystores, schema or set. */
    public record Mismatch(String part, String db, String item, String kind, String expected, String actual, String message) {
    }

    /** The HTML report written beside evidence.json, by name and SHA-256 (so the signature covers it too). */
    public record ReportRef(String file, String sha256) {
    }

    /** {@code status} SIGNED (with key id, algorithm and MAC) or UNSIGNED (with the reason in {@code algorithm}). */
    public record Signature(String status, String keyId, String algorithm, String mac) {
        public static final String SIGNED = "SIGNED";
        public static final String UNSIGNED = "UNSIGNED";
    }
}
