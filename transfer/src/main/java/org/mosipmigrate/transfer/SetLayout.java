package org.mosipmigrate.transfer;

import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.mosipmigrate.core.set.KeystoresManifest;
import org.mosipmigrate.core.set.ManifestStore;
import org.mosipmigrate.objects.ObjectsManifest;

/**
 * What each file of a backup set is, for moving it (transfer) or shipping it (the S3 spool). The rules
 * follow docs/backup-set-format.md:
 * <ul>
 *   <li>{@link Kind#MANIFEST}: a part's manifest or seal; always moved last, seals before manifests, so that a
 *       set interrupted on the way never looks complete;</li>
 *   <li>{@link Kind#DATA}: the bulky files (chunks, schema dumps, object segments, cleanup saves);</li>
 *   <li>{@link Kind#META}: small files the stages read or resume from (plan, meta, roles, bucket lists, segment
 *       indexes, keystore files, the backup writers' ledgers);</li>
 *   <li>{@link Kind#WORK}: never moved: files being written ({@code .partial}, {@code .tmp}, {@code .clear}),
 *       restore and copy ledgers (they describe one target server and would make a restore elsewhere skip
 *       work), copy state, verify reports and the spool's own files.</li>
 * </ul>
 */
public final class SetLayout {
    public enum Kind { MANIFEST, DATA, META, WORK }

    /** The ledgers of the writers of a set: a later (staged) backup into a copy of the set needs them. */
    static final Set<String> WRITER_LEDGERS = Set.of("ledger/backup.jsonl", "ledger/objects-backup.jsonl");
    /** The spool's record of its uploads; moved by the spool itself, never by transfer. */
    static final String SPOOL_LEDGER = "ledger/spool-uploads.jsonl";
    /** Where the spool keeps files fetched for a restore. */
    static final String FETCHED = ".fetched/";

    private static final Set<String> PART_MANIFESTS = Set.of(ManifestStore.FILE, ManifestStore.SEAL, ObjectsManifest.FILE,
            ObjectsManifest.SEAL, KeystoresManifest.FILE, KeystoresManifest.SEAL);
    private static final Pattern CLEANUP_MANIFEST = Pattern.compile("cleanup/[^/]+/cleanup-manifest\\.json");
    private static final Pattern DATA = Pattern.compile("db/[^/]+/data/.+|db/[^/]+/schema\\.dump(\\.zst\\.enc)?"
            + "|objects/segments/seg-\\d+\\.tar\\.zst(\\.enc)?|cleanup/[^/]+/.+");
    private static final Pattern REPORT = Pattern.compile("[^/]*report[^/]*\\.json");

    private SetLayout() {
    }

    public static Kind kind(String path) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        if (name.endsWith(".partial") || name.endsWith(".tmp") || name.endsWith(".clear") || path.startsWith("copy-state/")
                || path.startsWith(FETCHED) || REPORT.matcher(path).matches()) {
            return Kind.WORK;
        }
        if (path.startsWith("ledger/")) {
            return WRITER_LEDGERS.contains(path) ? Kind.META : Kind.WORK;
        }
        if (PART_MANIFESTS.contains(path) || CLEANUP_MANIFEST.matcher(path).matches()) {
            return Kind.MANIFEST;
        }
        return DATA.matcher(path).matches() ? Kind.DATA : Kind.META;
    }

    /** The part a file belongs to: "databases", "objects", "keystores" or "cleanup/<stamp>". */
    public static String part(String path) {
        if (path.startsWith("objects/") || path.equals("ledger/objects-backup.jsonl")) {
            return "objects";
        }
        if (path.startsWith("keystores/")) {
            return "keystores";
        }
        if (path.startsWith("cleanup/")) {
            int second = path.indexOf('/', "cleanup/".length());
            return second < 0 ? "cleanup" : path.substring(0, second);
        }
        return "databases";
    }

    /** The manifest file whose presence means the part of {@code path} is complete. */
    public static String manifestOf(String part) {
        return switch (part) {
            case "databases" -> ManifestStore.FILE;
            case "objects" -> ObjectsManifest.FILE;
            case "keystores" -> KeystoresManifest.FILE;
            default -> part + "/cleanup-manifest.json";
        };
    }

    /** Manifests in the order they are moved: every seal before every manifest (a manifest never arrives before its seal). */
    public static List<String> manifestOrder(List<String> manifests) {
        return manifests.stream().sorted(Comparator.comparing((String p) -> !p.endsWith(".seal.json")).thenComparing(p -> p)).toList();
    }
}
