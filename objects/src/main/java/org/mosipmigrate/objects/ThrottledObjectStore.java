package org.mosipmigrate.objects;

import java.io.InputStream;
import java.util.Iterator;
import java.util.Map;
import org.mosipmigrate.core.run.Throttle;

/**
 * The source store under --max-rate / --max-requests: every call is one request, a listing one request per
 * page of {@value #LIST_PAGE} keys (S3's page size), and object bytes are read no faster than the byte limit.
 */
public final class ThrottledObjectStore implements ObjectStore {
    static final int LIST_PAGE = 1000;

    private final ObjectStore store;
    private final Throttle throttle;

    public ThrottledObjectStore(ObjectStore store, Throttle throttle) {
        this.store = store;
        this.throttle = throttle;
    }

    /** The store itself when nothing is limited. */
    public static ObjectStore wrap(ObjectStore store, Throttle throttle) {
        return throttle.limited() ? new ThrottledObjectStore(store, throttle) : store;
    }

    @Override
    public String describe() {
        return store.describe();
    }

    @Override
    public Iterable<String> listBuckets() {
        throttle.request();
        return store.listBuckets();
    }

    @Override
    public Iterable<ObjectInfo> listObjects(String bucket, String prefix) {
        return () -> new Iterator<>() {
            private final Iterator<ObjectInfo> it = store.listObjects(bucket, prefix).iterator();
            private long seen;
            private long pagesPaid;

            @Override
            public boolean hasNext() {
                if (seen / LIST_PAGE >= pagesPaid) {
                    throttle.request(); // the next page is about to be fetched; paid once however often hasNext is asked
                    pagesPaid++;
                }
                return it.hasNext();
            }

            @Override
            public ObjectInfo next() {
                ObjectInfo o = it.next();
                seen++;
                return o;
            }
        };
    }

    @Override
    public ObjectHead head(String bucket, String key) {
        throttle.request();
        return store.head(bucket, key);
    }

    @Override
    public Download download(String bucket, String key) {
        throttle.request();
        Download d = store.download(bucket, key);
        return d == null ? null : new Download(d.head(), throttle.limit(d.body()));
    }

    @Override
    public InputStream get(String bucket, String key) {
        throttle.request();
        return throttle.limit(store.get(bucket, key));
    }

    @Override
    public InputStream get(String bucket, String key, long offset) {
        throttle.request();
        return throttle.limit(store.get(bucket, key, offset));
    }

    @Override
    public void put(String bucket, String key, InputStream in, long size, String contentType, Map<String, String> userMetadata) {
        throttle.request();
        store.put(bucket, key, in, size, contentType, userMetadata);
    }

    @Override
    public String putVerified(String bucket, String key, InputStream in, long size, String expectedSha256) {
        throttle.request();
        return store.putVerified(bucket, key, in, size, expectedSha256);
    }

    @Override
    public boolean bucketExists(String bucket) {
        throttle.request();
        return store.bucketExists(bucket);
    }

    @Override
    public org.mosipmigrate.core.config.ObjectStoreEndpoint.Listing listing() {
        return store.listing();
    }

    @Override
    public Compatibility compatibility() {
        throttle.request();
        return store.compatibility();
    }

    @Override
    public void createBucket(String bucket) {
        throttle.request();
        store.createBucket(bucket);
    }

    @Override
    public void delete(String bucket, String key) {
        throttle.request();
        store.delete(bucket, key);
    }

    @Override
    public void close() {
        store.close();
    }
}
