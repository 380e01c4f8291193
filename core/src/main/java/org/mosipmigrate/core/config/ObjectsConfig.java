package org.mosipmigrate.core.config;

import java.util.List;

/** The object-store part of a migration; either endpoint may be null when the file does not configure it. */
public record ObjectsConfig(ObjectStoreEndpoint source, ObjectStoreEndpoint target, List<BucketRule> bucketMapping,
                            int parallelism, long partBytes, long segmentBytes) {
    public static final ObjectsConfig NONE = new ObjectsConfig(null, null, List.of(), 8, 16L << 20, 1L << 30);

    public ObjectsConfig {
        bucketMapping = bucketMapping == null ? List.of() : List.copyOf(bucketMapping);
    }

    public boolean configured() {
        return source != null || target != null;
    }
}
