package org.mosipmigrate.objects;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** MOSIP-like packet objects in both layouts found in the field. */
final class Fixtures {
    record Obj(String bucket, String key, byte[] data, String contentType, Map<String, String> meta) {
    }

    static final String ACCOUNT = "packet-manager";

    static String rid(int i) {
        return String.format("100011000110001%014d", i);
    }

    /** Bucket-per-RID: one bucket per registration id, a few objects each, Tags/ objects, odd sizes, keys and metadata. */
    static List<Obj> bucketPerRid(int rids) {
        List<Obj> out = new ArrayList<>();
        for (int i = 1; i <= rids; i++) {
            String rid = rid(i);
            out.addAll(packet(rid, rid, "", i));
        }
        String special = rid(0);
        out.add(new Obj(special, "empty.bin", new byte[0], "application/octet-stream", Map.of("kind", "empty")));
        out.add(new Obj(special, "one.bin", new byte[] {42}, "application/octet-stream", Map.of()));
        out.add(new Obj(special, "big/multipart.zip", TestStores.bytes((5 << 20) + 1, 7), "application/zip", TestStores.UNICODE_META));
        for (String k : TestStores.ODD_KEYS) {
            out.add(new Obj(special, k, k.getBytes(java.nio.charset.StandardCharsets.UTF_8), "text/plain", Map.of("k", k)));
        }
        return out;
    }

    /** Account bucket: the registration id is the key prefix. */
    static List<Obj> accountBucket(int rids) {
        List<Obj> out = new ArrayList<>();
        for (int i = 1; i <= rids; i++) {
            out.addAll(packet(ACCOUNT, rid(1000 + i), rid(1000 + i) + "/", i));
        }
        return out;
    }

    static List<Obj> packet(String bucket, String rid, String prefix, int seed) {
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("rid", rid);
        meta.put("process", "NEW");
        meta.put("operator", "Zoë Ñúñez 数据");
        return List.of(
                new Obj(bucket, prefix + rid + "_id.zip", TestStores.bytes(2000 + seed * 37, seed), "application/zip", meta),
                new Obj(bucket, prefix + rid + "_id.json", ("{\"rid\":\"" + rid + "\"}").getBytes(java.nio.charset.StandardCharsets.UTF_8), "application/json", Map.of("source", "REGISTRATION_CLIENT")),
                new Obj(bucket, prefix + "Tags/" + rid + "/PROCESS", "NEW".getBytes(java.nio.charset.StandardCharsets.UTF_8), null, Map.of()));
    }

    static void load(ObjectStore s, List<Obj> objs) {
        java.util.Set<String> made = new java.util.HashSet<>();
        for (Obj o : objs) {
            if (made.add(o.bucket())) {
                s.createBucket(o.bucket());
            }
            TestStores.put(s, o.bucket(), o.key(), o.data(), o.contentType(), o.meta());
        }
    }
}
