package org.mosipmigrate.verify;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.mosipmigrate.core.pg.PgCatalog.SequenceInfo;
import org.mosipmigrate.core.set.Manifest.SequenceEntry;
import org.mosipmigrate.verify.Finding.Kind;
import org.mosipmigrate.verify.SequenceResult.SequenceState;

/** Compares schema-object counts and sequence values of one database. Pure: the caller reads the catalogs. */
final class SchemaObjectsCheck {
    /** Census keys of this form are per-sequence values; sequences are compared on their own. */
    private static final String SEQUENCE_KEY_PREFIX = "sequence:";

    private SchemaObjectsCheck() {
    }

    record Census(List<CensusResult> results, List<Finding> findings) {
    }

    record Sequences(List<SequenceResult> results, List<Finding> findings) {
    }

    /** Any of source/manifest may be null (not compared); the target is always there. */
    static Census census(String db, Map<String, Long> source, Map<String, Long> manifest, Map<String, Long> target) {
        Set<String> kinds = new LinkedHashSet<>(target.keySet());
        if (source != null) {
            kinds.addAll(source.keySet());
        }
        if (manifest != null) {
            kinds.addAll(manifest.keySet());
        }
        kinds.removeIf(k -> k.startsWith(SEQUENCE_KEY_PREFIX));
        List<CensusResult> results = new ArrayList<>();
        List<Finding> findings = new ArrayList<>();
        for (String kind : kinds) {
            Long t = target.get(kind);
            Long s = source == null ? null : source.get(kind);
            Long m = manifest == null ? null : manifest.get(kind);
            boolean ok = true;
            if (source != null && !Objects.equals(s, t)) {
                ok = false;
                findings.add(new Finding(db, kind, Kind.SCHEMA_OBJECTS, String.valueOf(s), String.valueOf(t),
                        db + ": the target has " + t + " " + kind + ", the source " + s));
            }
            if (manifest != null && !Objects.equals(m, t)) {
                ok = false;
                findings.add(new Finding(db, kind, Kind.SCHEMA_OBJECTS, String.valueOf(m), String.valueOf(t),
                        db + ": the target has " + t + " " + kind + ", the backup " + m));
            }
            results.add(new CensusResult(db, kind, s, m, t, ok));
        }
        return new Census(results, findings);
    }

    static Sequences sequences(String db, List<SequenceInfo> source, List<SequenceEntry> manifest, List<SequenceInfo> target) {
        Map<String, SequenceState> onTarget = fromCatalog(target);
        Map<String, SequenceState> onSource = source == null ? null : fromCatalog(source);
        Map<String, SequenceState> inBackup = null;
        if (manifest != null) {
            inBackup = new LinkedHashMap<>();
            for (SequenceEntry e : manifest) {
                inBackup.put(e.schema() + "." + e.name(), new SequenceState(e.lastValue(), e.isCalled()));
            }
        }
        Set<String> names = new LinkedHashSet<>();
        if (onSource != null) {
            names.addAll(onSource.keySet());
        }
        if (inBackup != null) {
            names.addAll(inBackup.keySet());
        }
        names.addAll(onTarget.keySet());
        List<SequenceResult> results = new ArrayList<>();
        List<Finding> findings = new ArrayList<>();
        for (String name : names) {
            SequenceState t = onTarget.get(name);
            SequenceState s = onSource == null ? null : onSource.get(name);
            SequenceState m = inBackup == null ? null : inBackup.get(name);
            int before = findings.size();
            if (onSource != null) {
                compare(db, name, "source", s, t, findings);
            }
            if (inBackup != null) {
                compare(db, name, "backup", m, t, findings);
            }
            results.add(new SequenceResult(db, name, s, m, t, findings.size() == before));
        }
        return new Sequences(results, findings);
    }

    private static void compare(String db, String name, String side, SequenceState expected, SequenceState actual, List<Finding> out) {
        String item = db + "." + name;
        if (expected == null && actual == null) {
            return;
        }
        if (expected == null || actual == null) {
            out.add(new Finding(db, item, Kind.SEQUENCE_MISSING, expected == null ? "absent" : "present",
                    actual == null ? "absent" : "present",
                    "sequence " + item + (actual == null ? " is missing on the target" : " is on the target but not on the " + side)));
        } else if (!expected.equals(actual)) {
            out.add(new Finding(db, item, Kind.SEQUENCE_VALUE, expected.toString(), actual.toString(),
                    "sequence " + item + " is at " + actual + " on the target, " + expected + " on the " + side));
        }
    }

    private static Map<String, SequenceState> fromCatalog(List<SequenceInfo> list) {
        Map<String, SequenceState> out = new LinkedHashMap<>();
        for (SequenceInfo s : list) {
            out.put(s.schema() + "." + s.name(), new SequenceState(s.lastValue(), s.isCalled()));
        }
        return out;
    }
}
