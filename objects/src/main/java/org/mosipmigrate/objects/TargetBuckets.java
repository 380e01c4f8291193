package org.mosipmigrate.objects;

import org.mosipmigrate.core.run.Retry;
import java.util.LinkedHashMap;
import java.util.Map;

/** Creates target buckets on first use; remembers the most recent ones only (bounded memory). */
final class TargetBuckets {
    private final ObjectStore target;
    private final Map<String, Boolean> known = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> e) {
            return size() > 10_000;
        }
    };

    TargetBuckets(ObjectStore target) {
        this.target = target;
    }

    void ensure(String bucket) {
        synchronized (known) {
            if (known.containsKey(bucket)) {
                return;
            }
        }
        Retry.run(target.describe() + ": bucket " + bucket, () -> {
            if (!target.bucketExists(bucket)) {
                target.createBucket(bucket);
            }
        });
        synchronized (known) {
            known.put(bucket, Boolean.TRUE);
        }
    }
}
