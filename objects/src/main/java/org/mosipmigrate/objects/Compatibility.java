package org.mosipmigrate.objects;

import org.mosipmigrate.core.config.ObjectStoreEndpoint;

/**
 * What a client found out about its server and how it works with it: the server's identity as far as it announces
 * it (the HTTP Server header, the ListBuckets owner), the checksum form its writes carry, and the listing mode.
 */
public record Compatibility(String server, String checksums, ObjectStoreEndpoint.Listing listing) {
    public String listingText() {
        return switch (listing) {
            case AUTO -> "auto (server order while it is UTF-8 key order, else a sorted run on disk)";
            case SORTED -> "sorted (every bucket through a sorted run on disk)";
            case ORDERED -> "ordered (server order only; a key out of UTF-8 order stops the run)";
        };
    }
}
