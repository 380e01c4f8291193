package org.mosipmigrate.objects.adapter;

import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.ListObjectsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.RemoveObjectArgs;
import io.minio.Result;
import io.minio.StatObjectArgs;
import io.minio.StatObjectResponse;
import io.minio.errors.ErrorResponseException;
import io.minio.messages.Item;
import java.io.InputStream;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import org.mosipmigrate.objects.MetadataCodec;
import org.mosipmigrate.objects.ObjectHead;
import org.mosipmigrate.objects.ObjectInfo;
import org.mosipmigrate.objects.ObjectStore;
import org.mosipmigrate.objects.ObjectStoreException;

/** {@link ObjectStore} on the MinIO Java SDK (path-style, V4 signatures, its own multipart above partSize). */
final class MinioObjectStore implements ObjectStore {
    private final MinioClient client;
    private final OkHttpClient http;
    private final String describe;
    private final String role;
    private final long partBytes;

    MinioObjectStore(String role, String describe, String endpoint, String region, String accessKey, String secretKey, long partBytes, int connections, CaTrust trust) {
        this.role = role;
        this.describe = describe;
        this.partBytes = partBytes;
        okhttp3.Dispatcher dispatcher = new okhttp3.Dispatcher();
        dispatcher.setMaxRequests(Math.max(64, connections));
        dispatcher.setMaxRequestsPerHost(Math.max(64, connections));
        OkHttpClient.Builder hb = new OkHttpClient.Builder();
        if (trust != null) {
            // this client's trust only; OkHttp keeps checking the host name against the certificate
            hb.sslSocketFactory(trust.sslContext.getSocketFactory(), trust.trustManager);
        }
        this.http = hb
                .dispatcher(dispatcher)
                .connectionPool(new okhttp3.ConnectionPool(Math.max(5, connections), 1, TimeUnit.MINUTES))
                .connectTimeout(15, TimeUnit.SECONDS).readTimeout(5, TimeUnit.MINUTES).writeTimeout(5, TimeUnit.MINUTES)
                .retryOnConnectionFailure(true)
                .build();
        this.client = MinioClient.builder().endpoint(endpoint).region(region).credentials(accessKey, secretKey).httpClient(http).build();
    }

    @Override
    public String describe() {
        return describe;
    }

    private ObjectStoreException wrap(String what, Exception e) {
        if (e instanceof ObjectStoreException ose) {
            return ose;
        }
        if (e instanceof ErrorResponseException ere) {
            int status = ere.response() == null ? 0 : ere.response().code();
            return Errors.fromS3(describe, role, what, ere.errorResponse().code(), status, e);
        }
        if (e instanceof io.minio.errors.InvalidResponseException ire) {
            return Errors.fromS3(describe, role, what, null, 0, ire);
        }
        return Errors.transport(describe, role, what, e);
    }

    @Override
    public Iterable<String> listBuckets() {
        try {
            // the MinIO SDK has no paginated ListBuckets: the server's one answer is read whole
            return client.listBuckets().stream().map(b -> b.name()).toList();
        } catch (Exception e) {
            throw wrap("list buckets", e);
        }
    }

    @Override
    public Iterable<ObjectInfo> listObjects(String bucket, String prefix) {
        Iterable<Result<Item>> results = client.listObjects(ListObjectsArgs.builder().bucket(bucket).prefix(prefix).recursive(true).maxKeys(1000).build());
        return () -> {
            Iterator<Result<Item>> it = results.iterator();
            return new Iterator<>() {
                private ObjectInfo ahead;

                @Override
                public boolean hasNext() {
                    if (ahead != null) {
                        return true;
                    }
                    try {
                        if (!it.hasNext()) {
                            return false;
                        }
                        Item item = it.next().get();
                        ahead = new ObjectInfo(item.objectName(), item.size(), unquote(item.etag()));
                        return true;
                    } catch (Exception e) {
                        throw wrap("list bucket " + bucket, e instanceof RuntimeException && e.getCause() instanceof Exception c ? c : e);
                    }
                }

                @Override
                public ObjectInfo next() {
                    if (!hasNext()) {
                        throw new java.util.NoSuchElementException();
                    }
                    ObjectInfo o = ahead;
                    ahead = null;
                    return o;
                }
            };
        };
    }

    static String unquote(String etag) {
        if (etag == null) {
            return "";
        }
        return etag.startsWith("\"") && etag.endsWith("\"") && etag.length() >= 2 ? etag.substring(1, etag.length() - 1) : etag;
    }

    @Override
    public ObjectHead head(String bucket, String key) {
        try {
            StatObjectResponse s = client.statObject(StatObjectArgs.builder().bucket(bucket).object(key).build());
            return new ObjectHead(s.size(), unquote(s.etag()), s.contentType(), MetadataCodec.decode(s.userMetadata()));
        } catch (ErrorResponseException e) {
            String code = e.errorResponse().code();
            if ("NoSuchKey".equals(code) || "NoSuchObject".equals(code) || ("ResourceNotFound".equals(code) && bucketExists(bucket))) {
                return null;
            }
            throw wrap("head " + bucket + "/" + key, e);
        } catch (Exception e) {
            throw wrap("head " + bucket + "/" + key, e);
        }
    }

    @Override
    public InputStream get(String bucket, String key) {
        try {
            return client.getObject(GetObjectArgs.builder().bucket(bucket).object(key).build());
        } catch (Exception e) {
            throw wrap("get " + bucket + "/" + key, e);
        }
    }

    @Override
    public void put(String bucket, String key, InputStream in, long size, String contentType, Map<String, String> userMetadata) {
        try {
            PutObjectArgs.Builder b = PutObjectArgs.builder().bucket(bucket).object(key)
                    .stream(in, size, size > partBytes ? partBytes : Math.max(size, 5L << 20))
                    .userMetadata(MetadataCodec.encode(userMetadata));
            if (contentType != null && !contentType.isBlank()) {
                b.contentType(contentType);
            }
            client.putObject(b.build());
        } catch (Exception e) {
            throw wrap("put " + bucket + "/" + key, e);
        }
    }

    @Override
    public boolean bucketExists(String bucket) {
        try {
            return client.bucketExists(BucketExistsArgs.builder().bucket(bucket).build());
        } catch (Exception e) {
            throw wrap("check bucket " + bucket, e);
        }
    }

    @Override
    public void createBucket(String bucket) {
        try {
            client.makeBucket(MakeBucketArgs.builder().bucket(bucket).build());
        } catch (ErrorResponseException e) {
            if (!"BucketAlreadyOwnedByYou".equals(e.errorResponse().code())) {
                throw wrap("create bucket " + bucket, e);
            }
        } catch (Exception e) {
            throw wrap("create bucket " + bucket, e);
        }
    }

    @Override
    public void delete(String bucket, String key) {
        try {
            client.removeObject(RemoveObjectArgs.builder().bucket(bucket).object(key).build());
        } catch (Exception e) {
            throw wrap("delete " + bucket + "/" + key, e);
        }
    }

    @Override
    public void close() {
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }
}
