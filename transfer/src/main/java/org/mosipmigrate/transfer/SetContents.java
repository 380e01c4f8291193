package org.mosipmigrate.transfer;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mosipmigrate.core.crypto.BackupKey;
import org.mosipmigrate.core.error.ErrorCode;
import org.mosipmigrate.core.error.MigrateException;
import org.mosipmigrate.core.json.Json;
import org.mosipmigrate.core.set.BackupSetCheck;
import org.mosipmigrate.core.set.KeystoresManifest;
import org.mosipmigrate.core.set.Manifest;
import org.mosipmigrate.core.set.ManifestStore;
import org.mosipmigrate.objects.ObjectsManifest;

/**
 * Every file the manifests of a backup set vouch for, with its size, SHA-256 and the item it belongs to,
 * read from a local directory that holds the manifests (the set itself, a spool, or a staging copy). Each
 * part's manifest is checked against its seal with the key, as the stages do; a part without a manifest
 * is not finished and is left out.
 */
public record SetContents(List<String> parts, Map<String, Listed> files) {
    /** A file a manifest lists; {@code ref.bytes()} is -1 when the manifest does not record the size (segment indexes). */
    public record Listed(Manifest.FileRef ref, String owner) {
    }

    /** Which parts to read. */
    public record Selection(boolean db, boolean objects, boolean keystores, boolean cleanup) {
        public static final Selection ALL = new Selection(true, true, true, true);
    }

    public SetContents {
        parts = List.copyOf(parts);
        files = Map.copyOf(files);
    }

    public List<Manifest.FileRef> refs() {
        return files.values().stream().map(Listed::ref).toList();
    }

    public String ownerOf(String file) {
        Listed l = files.get(file);
        return l == null ? "backup set" : l.owner();
    }

    public static SetContents read(Path dir, BackupKey key, Selection which) {
        List<String> parts = new ArrayList<>();
        Map<String, Listed> files = new LinkedHashMap<>();
        if (which.db() && ManifestStore.exists(dir)) {
            for (Manifest.DatabaseEntry db : ManifestStore.read(dir, key).databases()) {
                for (Manifest.FileRef f : BackupSetCheck.databaseFiles(new Manifest(Manifest.FORMAT, Manifest.FORMAT_VERSION, "", "", "",
                        null, List.of(), List.of(db)))) {
                    files.put(f.file(), new Listed(f, "database " + db.name()));
                }
            }
            parts.add("databases");
        }
        if (which.objects() && ObjectsManifest.exists(dir)) {
            for (ObjectsManifest.Segment s : ObjectsManifest.read(dir, key).segments()) {
                files.put(s.file(), new Listed(new Manifest.FileRef(s.file(), s.bytes(), s.sha256()), "object segment " + s.number()));
                files.put(s.index(), new Listed(new Manifest.FileRef(s.index(), -1, s.indexSha256()), "object segment " + s.number()));
            }
            parts.add("objects");
        }
        if (which.keystores() && KeystoresManifest.exists(dir)) {
            for (KeystoresManifest.Keystore k : KeystoresManifest.read(dir, key).keystores()) {
                for (KeystoresManifest.KeystoreFile f : k.files()) {
                    files.put(f.stored().file(), new Listed(f.stored(), "keystore '" + k.name() + "'"));
                }
            }
            parts.add("keystores");
        }
        if (which.cleanup()) {
            for (String manifest : cleanupManifests(dir)) {
                String base = manifest.substring(0, manifest.lastIndexOf('/') + 1);
                for (JsonNode f : readJson(dir.resolve(manifest)).path("files")) {
                    String file = base + f.path("file").asText();
                    files.put(file, new Listed(new Manifest.FileRef(file, f.path("bytes").asLong(), f.path("sha256").asText()),
                            "cleanup save " + base.substring(0, base.length() - 1) + " (" + f.path("db").asText() + ")"));
                }
                parts.add(base.substring(0, base.length() - 1));
            }
        }
        return new SetContents(parts, files);
    }

    /** The cleanup manifests under {@code dir}, as set-relative paths. */
    static List<String> cleanupManifests(Path dir) {
        Path cleanup = dir.resolve("cleanup");
        if (!Files.isDirectory(cleanup)) {
            return List.of();
        }
        try (var stamps = Files.list(cleanup)) {
            return stamps.filter(p -> Files.isRegularFile(p.resolve("cleanup-manifest.json")))
                    .map(p -> "cleanup/" + p.getFileName() + "/cleanup-manifest.json").sorted().toList();
        } catch (IOException e) {
            throw new MigrateException(ErrorCode.RUNTIME, "cannot list " + cleanup + ": " + e.getMessage(), null, e);
        }
    }

    private static JsonNode readJson(Path f) {
        try {
            return Json.MAPPER.readTree(f.toFile());
        } catch (IOException e) {
            throw new MigrateException(ErrorCode.BACKUP_SET_CORRUPT, f + " cannot be parsed: " + e.getMessage(), "use another copy of the backup set", e);
        }
    }
}
