package org.mosipmigrate.core.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A validated migration description (one YAML file). Immutable. */
public record MigrationConfig(
        Path file,
        PgEndpoint source,
        PgEndpoint target,
        Path backupSet,
        int parallelism,
        long chunkBytes,
        int compressionLevel,
        boolean fingerprintAtBackup,
        Path stateDir,
        Path pgBinDir,
        Map<String, List<String>> verifyColumns,
        List<String> verifyExcludeTables,
        ObjectsConfig objects,
        EncryptionConfig encryption,
        KeystoresConfig keystores,
        UpgradeConfig upgrade,
        EncryptionConfig evidenceKey,
        org.mosipmigrate.core.set.store.SetLocation backupSetLocation,
        BackupStoreConfig backupStore) {

    /**
     * {@code backupSet} is always a local directory: the set itself, or for a set on S3
     * ({@code backupSetLocation} is {@code s3://...}) its spool directory.
     */
    public MigrationConfig {
        verifyColumns = Map.copyOf(verifyColumns);
        verifyExcludeTables = List.copyOf(verifyExcludeTables);
        objects = objects == null ? ObjectsConfig.NONE : objects;
        encryption = encryption == null ? EncryptionConfig.NONE : encryption;
        keystores = keystores == null ? KeystoresConfig.NONE : keystores;
        upgrade = upgrade == null ? UpgradeConfig.NONE : upgrade;
        evidenceKey = evidenceKey == null ? EncryptionConfig.NONE : evidenceKey;
        backupStore = backupStore == null ? BackupStoreConfig.NONE : backupStore;
        if (backupSetLocation == null && backupSet != null) {
            backupSetLocation = new org.mosipmigrate.core.set.store.SetLocation(backupSet, null, null);
        }
    }

    /** Without an evidence key of its own. */
    public MigrationConfig(Path file, PgEndpoint source, PgEndpoint target, Path backupSet, int parallelism, long chunkBytes,
                           int compressionLevel, boolean fingerprintAtBackup, Path stateDir, Path pgBinDir,
                           Map<String, List<String>> verifyColumns, List<String> verifyExcludeTables, ObjectsConfig objects,
                           EncryptionConfig encryption, KeystoresConfig keystores, UpgradeConfig upgrade,
                           org.mosipmigrate.core.set.store.SetLocation backupSetLocation, BackupStoreConfig backupStore) {
        this(file, source, target, backupSet, parallelism, chunkBytes, compressionLevel, fingerprintAtBackup, stateDir, pgBinDir,
                verifyColumns, verifyExcludeTables, objects, encryption, keystores, upgrade, EncryptionConfig.NONE, backupSetLocation, backupStore);
    }

    /** A backup set in a local directory. */
    public MigrationConfig(Path file, PgEndpoint source, PgEndpoint target, Path backupSet, int parallelism, long chunkBytes,
                           int compressionLevel, boolean fingerprintAtBackup, Path stateDir, Path pgBinDir,
                           Map<String, List<String>> verifyColumns, List<String> verifyExcludeTables, ObjectsConfig objects,
                           EncryptionConfig encryption, KeystoresConfig keystores, UpgradeConfig upgrade, EncryptionConfig evidenceKey) {
        this(file, source, target, backupSet, parallelism, chunkBytes, compressionLevel, fingerprintAtBackup, stateDir, pgBinDir,
                verifyColumns, verifyExcludeTables, objects, encryption, keystores, upgrade, evidenceKey, null, BackupStoreConfig.NONE);
    }

    /** A backup set in a local directory, without an evidence key of its own. */
    public MigrationConfig(Path file, PgEndpoint source, PgEndpoint target, Path backupSet, int parallelism, long chunkBytes,
                           int compressionLevel, boolean fingerprintAtBackup, Path stateDir, Path pgBinDir,
                           Map<String, List<String>> verifyColumns, List<String> verifyExcludeTables, ObjectsConfig objects,
                           EncryptionConfig encryption, KeystoresConfig keystores, UpgradeConfig upgrade) {
        this(file, source, target, backupSet, parallelism, chunkBytes, compressionLevel, fingerprintAtBackup, stateDir, pgBinDir,
                verifyColumns, verifyExcludeTables, objects, encryption, keystores, upgrade, EncryptionConfig.NONE, null, BackupStoreConfig.NONE);
    }

    /** True when the backup set lives on the backup store (S3/MinIO) and {@link #backupSet()} is its spool. */
    public boolean backupSetOnS3() {
        return backupSetLocation != null && backupSetLocation.s3();
    }

    /** Without upgrade.* inputs. */
    public MigrationConfig(Path file, PgEndpoint source, PgEndpoint target, Path backupSet, int parallelism, long chunkBytes,
                           int compressionLevel, boolean fingerprintAtBackup, Path stateDir, Path pgBinDir,
                           Map<String, List<String>> verifyColumns, List<String> verifyExcludeTables, ObjectsConfig objects,
                           EncryptionConfig encryption, KeystoresConfig keystores) {
        this(file, source, target, backupSet, parallelism, chunkBytes, compressionLevel, fingerprintAtBackup, stateDir, pgBinDir,
                verifyColumns, verifyExcludeTables, objects, encryption, keystores, UpgradeConfig.NONE);
    }

    /** Without keystores. */
    public MigrationConfig(Path file, PgEndpoint source, PgEndpoint target, Path backupSet, int parallelism, long chunkBytes,
                           int compressionLevel, boolean fingerprintAtBackup, Path stateDir, Path pgBinDir,
                           Map<String, List<String>> verifyColumns, List<String> verifyExcludeTables, ObjectsConfig objects,
                           EncryptionConfig encryption) {
        this(file, source, target, backupSet, parallelism, chunkBytes, compressionLevel, fingerprintAtBackup, stateDir, pgBinDir,
                verifyColumns, verifyExcludeTables, objects, encryption, KeystoresConfig.NONE);
    }

    /** Without backup-set encryption. */
    public MigrationConfig(Path file, PgEndpoint source, PgEndpoint target, Path backupSet, int parallelism, long chunkBytes,
                           int compressionLevel, boolean fingerprintAtBackup, Path stateDir, Path pgBinDir,
                           Map<String, List<String>> verifyColumns, List<String> verifyExcludeTables, ObjectsConfig objects) {
        this(file, source, target, backupSet, parallelism, chunkBytes, compressionLevel, fingerprintAtBackup, stateDir, pgBinDir,
                verifyColumns, verifyExcludeTables, objects, EncryptionConfig.NONE);
    }

    /** The PostgreSQL-only form (no object store configured). */
    public MigrationConfig(Path file, PgEndpoint source, PgEndpoint target, Path backupSet, int parallelism, long chunkBytes,
                           int compressionLevel, boolean fingerprintAtBackup, Path stateDir, Path pgBinDir,
                           Map<String, List<String>> verifyColumns, List<String> verifyExcludeTables) {
        this(file, source, target, backupSet, parallelism, chunkBytes, compressionLevel, fingerprintAtBackup, stateDir, pgBinDir,
                verifyColumns, verifyExcludeTables, ObjectsConfig.NONE);
    }

    /** The key that signs evidence packs: evidence.keyFile/keyEnv, else the backup-set key, else none (unsigned). */
    public Optional<org.mosipmigrate.core.crypto.BackupKey> evidenceSigningKey(Map<String, String> env) {
        return evidenceKey.configured() ? evidenceKey.load(env) : encryption.load(env);
    }

    public Optional<PgEndpoint> sourcePg() {
        return Optional.ofNullable(source);
    }

    public Optional<PgEndpoint> targetPg() {
        return Optional.ofNullable(target);
    }

    /** Where reports go: stateDir, else the backup set, else beside the config file. */
    public Path effectiveStateDir() {
        if (stateDir != null) {
            return stateDir;
        }
        return backupSet != null ? backupSet : configDir().resolve("mosip-migrate-state");
    }

    /**
     * Where copy keeps its plan, schema dumps and ledger. Never the backup set's own files: a copy must
     * not overwrite the schema dumps a manifest vouches for.
     */
    public Path copyStateDir() {
        if (stateDir != null) {
            return stateDir;
        }
        return backupSet != null ? backupSet.resolve("copy-state") : configDir().resolve("mosip-migrate-state");
    }

    /** Where transfer keeps its ledger and staged manifests: stateDir, else mosip-migrate-state beside the config file. */
    public Path transferStateDir() {
        return stateDir != null ? stateDir : configDir().resolve("mosip-migrate-state");
    }

    private Path configDir() {
        Path parent = file.toAbsolutePath().getParent();
        return parent == null ? Path.of(".") : parent;
    }
}
