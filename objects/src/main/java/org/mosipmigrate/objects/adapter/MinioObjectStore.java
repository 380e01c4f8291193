package org.mosipmigrate.objects.adapter;

import org.mosipmigrate.core.run.Retry;
import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.ListObjectsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioAsyncClient;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.RemoveObjectArgs;
import io.minio.Result;
import io.minio.StatObjectArgs;
import io.minio.StatObjectResponse;
import io.minio.errors.ErrorResponseException;
import io.minio.messages.Item;
import io.minio.messages.Part;
import com.google.common.collect.ImmutableMultimap;
import com.google.common.collect.Multimap;
import java.util.ArrayList;
import java.util.List;
import org.mosipmigrate.core.set.store.SizedDigestStream;
import org.mosipmigrate.objects.PartChecksums;
import java.io.InputStream;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import org.mosipmigrate.objects.MetadataCodec;
import org.mosipmigrate.objects.ObjectHead;
import org.mosipmigrate.objects.ObjectInfo;
import org.mosipmigrate.objects.ObjectStore;

/** {@link ObjectStore} on the MinIO Java SDK (path-style, V4 signatures, its own multipart above partSize). */
final class MinioObjectStore implements ObjectStore {
    private final MinioClient client;
    /** The same connection, for the low-level multipart calls putVerified needs (part checksum headers). */
    private final MinioAsyncClient async;
    private final String region;
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
        this.async = MinioAsyncClient.builder().endpoint(endpoint).region(region).credentials(accessKey, secretKey).httpClient(http).build();
        this.region = region;
    }

    @Override
    public String describe() {
        return describe;
    }

    private RuntimeException wrap(String what, Exception e) {
        if (e instanceof org.mosipmigrate.core.error.MigrateException me) {
            return me;
        }
        if (e instanceof ErrorResponseException ere) {
            int status = ere.response() == null ? 0 : ere.response().code();
            return Errors.fromS3(describe, role, what, ere.errorResponse().code(), status, e);
        }
        if (e instanceof io.minio.errors.InvalidResponseException ire) {
            return Errors.fromS3(describe, role, what, null, 0, ire);
        }
        if (e instanceof io.minio.errors.ServerException se) {
            // an HTTP 5xx without an S3 error body (a HEAD has none): classified by its status, so 503 SlowDown is retried
            return Errors.fromS3(describe, role, what, null, se.statusCode(), se);
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
    public InputStream get(String bucket, String key, long offset) {
        try {
            return client.getObject(GetObjectArgs.builder().bucket(bucket).object(key).offset(offset).build());
        } catch (Exception e) {
            throw wrap("get " + bucket + "/" + key + " from byte " + offset, e);
        }
    }

    @Override
    public String putVerified(String bucket, String key, InputStream in, long size, String expectedSha256) {
        SizedDigestStream body = new SizedDigestStream(in, size, bucket + "/" + key);
        byte[] buf = new byte[(int) Math.min(size, partBytes)];
        String uploadId = null;
        try {
            if (size <= partBytes) {
                int len = body.fill(buf);
                String sha = body.sha256Checked(describe, expectedSha256);
                Map<String, String> checksum = Map.of("x-amz-checksum-sha256", PartChecksums.hexToBase64(sha));
                Retry.run(describe + ": PUT", () -> {
                    try {
                        client.putObject(PutObjectArgs.builder().bucket(bucket).object(key)
                                .stream(new java.io.ByteArrayInputStream(buf, 0, len), len, Math.max(len, 5L << 20)).extraHeaders(checksum).build());
                    } catch (Exception e) {
                        throw wrap("put " + bucket + "/" + key, e);
                    }
                });
                return sha;
            }
            uploadId = await(async.createMultipartUploadAsync(bucket, region, key,
                    ImmutableMultimap.of("x-amz-checksum-algorithm", "SHA256"), null)).result().uploadId();
            List<Part> parts = new ArrayList<>();
            for (int n = 1; body.bytesRead() < size; n++) {
                int len = body.fill(buf);
                int partNumber = n;
                String upload = uploadId;
                Multimap<String, String> checksum = ImmutableMultimap.of("x-amz-checksum-sha256", PartChecksums.sha256Base64(buf, len));
                String etag = Retry.call(describe + ": part " + partNumber, () -> {
                    try {
                        return await(async.uploadPartAsync(bucket, region, key, buf, len, upload, partNumber, checksum, null)).etag();
                    } catch (Exception e) {
                        throw wrap("upload part " + partNumber + " of " + bucket + "/" + key, e);
                    }
                });
                parts.add(new Part(partNumber, etag));
            }
            String sha = body.sha256Checked(describe, expectedSha256);
            String upload = uploadId;
            Retry.run(describe + ": complete upload", () -> {
                try {
                    await(async.completeMultipartUploadAsync(bucket, region, key, upload, parts.toArray(new Part[0]), null, null));
                } catch (Exception e) {
                    throw wrap("complete multipart upload of " + bucket + "/" + key, e);
                }
            });
            return sha;
        } catch (Exception e) {
            if (uploadId != null) {
                try {
                    await(async.abortMultipartUploadAsync(bucket, region, key, uploadId, null, null));
                } catch (Exception ignored) {
                    // the original failure is the one to report; an unfinished upload is never visible
                }
            }
            throw e instanceof org.mosipmigrate.core.error.MigrateException me ? me : wrap("upload of " + bucket + "/" + key, e);
        }
    }


    /** The result of an async call, with its failure unwrapped so it is classified like a synchronous one. */
    private static <T> T await(java.util.concurrent.CompletableFuture<T> f) throws Exception {
        try {
            return f.get();
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable c = e.getCause();
            while ((c instanceof java.util.concurrent.CompletionException || c instanceof java.util.concurrent.ExecutionException) && c.getCause() != null) {
                c = c.getCause();
            }
            throw c instanceof Exception ex ? ex : e;
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
