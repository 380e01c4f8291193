package org.mosipmigrate.objects;

/** One listed object. {@code etag} is unquoted and only ever compared with the same server's ETag. */
public record ObjectInfo(String key, long size, String etag) {
}
