package org.mosipmigrate.seed.packets;

import java.io.InputStream;
import java.util.Map;

/**
 * Where seed-v2 writes packets: the V2 object store, reached through whatever client the caller chose (the seed
 * module knows no S3 SDK). Closing it releases the client.
 */
public interface PacketStore extends AutoCloseable {
    /** The store's name in messages, e.g. {@code s3 http://v2:9000}. */
    String describe();

    /** Whether the store already holds any bucket (seed-v2 writes only into an empty store unless --clean). */
    boolean holdsBuckets();

    /** Creates the bucket; one that exists already is kept. */
    void createBucket(String bucket);

    void put(String bucket, String key, InputStream in, long size, String contentType, Map<String, String> userMetadata);

    @Override
    void close();
}
