package org.mosipmigrate.objects;

import java.util.Map;
import java.util.TreeMap;

/** What a HEAD tells: size, ETag, content type and the user metadata (keys lower-case, without x-amz-meta-). */
public record ObjectHead(long size, String etag, String contentType, Map<String, String> userMetadata) {
    public ObjectHead {
        userMetadata = userMetadata == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(userMetadata));
    }
}
