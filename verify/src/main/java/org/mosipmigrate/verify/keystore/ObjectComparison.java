package org.mosipmigrate.verify.keystore;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.mosipmigrate.core.set.KeystoreObject;

/**
 * Object-by-object comparison of two keystore listings. Objects pair up by token, kind, label and id (PKCS12: kind and
 * alias only, since the file may be renamed); paired objects must agree on type and size/curve, extractable/sensitive,
 * public-key fingerprint, KCV and certificate facts. An object on one side only is named as missing or extra.
 */
final class ObjectComparison {
    private ObjectComparison() {
    }

    /** @param what e.g. "keystore 'kernel': target /restore/kernel/tokens vs the backup set" */
    static void compare(String what, List<KeystoreObject> expected, List<KeystoreObject> actual, boolean byToken, List<String> findings) {
        Map<String, List<KeystoreObject>> e = group(expected, byToken);
        Map<String, List<KeystoreObject>> a = group(actual, byToken);
        Set<String> all = new TreeSet<>(e.keySet());
        all.addAll(a.keySet());
        for (String k : all) {
            List<KeystoreObject> want = e.getOrDefault(k, List.of());
            List<KeystoreObject> got = a.getOrDefault(k, List.of());
            for (int i = 0; i < Math.max(want.size(), got.size()); i++) {
                KeystoreObject x = i < want.size() ? want.get(i) : null;
                KeystoreObject y = i < got.size() ? got.get(i) : null;
                if (y == null) {
                    findings.add(what + ": " + x.key() + " " + x.describe() + " is missing");
                } else if (x == null) {
                    findings.add(what + ": " + y.key() + " " + y.describe() + " is extra");
                } else {
                    List<String> d = x.differences(y);
                    if (!d.isEmpty()) {
                        findings.add(what + ": " + y.key() + " " + y.kind() + " differs: " + String.join("; ", d) + " (expected vs found)");
                    }
                }
            }
        }
    }

    private static Map<String, List<KeystoreObject>> group(List<KeystoreObject> objects, boolean byToken) {
        Map<String, List<KeystoreObject>> out = new TreeMap<>();
        for (KeystoreObject o : objects) {
            out.computeIfAbsent(o.matchKey(byToken), x -> new ArrayList<>()).add(o);
        }
        // two objects under one label and id (rare) pair up in a stable order
        Comparator<KeystoreObject> order = Comparator.comparing((KeystoreObject o) -> String.valueOf(o.publicKeySha256()))
                .thenComparing(o -> String.valueOf(o.kcv())).thenComparing(o -> String.valueOf(o.certSha256()));
        out.values().forEach(l -> l.sort(order));
        return out;
    }
}
