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
import org.mosipmigrate.objects.ObjectStoreException;
import org.mosipmigrate.objects.Compatibility;
import org.mosipmigrate.objects.WriteChecksums;
import org.mosipmigrate.core.config.ObjectStoreEndpoint;

/**
 * {@link ObjectStore} on the MinIO Java SDK (path-style, V4 signatures, its own multipart above partSize). The SDK signs
 * the SHA-256 of every object write's body (each part of a streamed put), which every S3 server checks; backup-set files
 * ({@link #putVerified}) carry in addition the check {@link WriteChecksums} chose: x-amz-checksum-sha256, or Content-MD5.
 */
final class MinioObjectStore implements ObjectStore {
    private final MinioClient client;
    /** The same connection, for the low-level multipart calls putVerified needs (part checksum headers). */
    private final MinioAsyncClient async;
    private final String region;
    private final OkHttpClient http;
    private final String describe;
    private final String role;
    private final long partBytes;
    private final String endpoint;
    private final WriteChecksums checksums;
    private final ObjectStoreEndpoint.Listing listing;

    MinioObjectStore(String role, String describe, String endpoint, String region, String accessKey, String secretKey, long partBytes, int connections, CaTrust trust,
                     ObjectStoreEndpoint.Checksums checksumMode, ObjectStoreEndpoint.Listing listing) {
        this.role = role;
        this.describe = describe;
        this.partBytes = partBytes;
        this.endpoint = endpoint;
        this.listing = listing;
        this.checksums = new WriteChecksums(describe, role, checksumMode);
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

    @Override
    public ObjectStoreEndpoint.Listing listing() {
        return listing;
    }

    @Override
    public Compatibility compatibility() {
        checksums.decide(this::probe);
        String server;
        // the SDK keeps response headers to itself: one unsigned GET of the endpoint (answered 403 or 200) shows them
        try (okhttp3.Response r = http.newCall(new okhttp3.Request.Builder().url(endpoint).get().build()).execute()) {
            server = ServerIdentity.of(r.header("Server"), null);
        } catch (java.io.IOException e) {
            server = "not reported (" + Errors.transport(describe, role, "GET " + endpoint, e).getMessage() + ")";
        }
        return new Compatibility(server, checksums.describe(), listing);
    }

    private static final String EMPTY_SHA256 = PartChecksums.sha256Base64(new byte[0], 0);

    /** A 0-byte PUT carrying x-amz-checksum-sha256 into a bucket that does not exist: nothing is written anywhere. */
    private String[] probe() {
        try {
            client.putObject(PutObjectArgs.builder().bucket(ServerIdentity.probeBucket()).object("probe")
                    .stream(new java.io.ByteArrayInputStream(new byte[0]), 0, 5L << 20).extraHeaders(Map.of(SHA256_HEADER, EMPTY_SHA256)).build());
            return null;
        } catch (Exception e) {
            Refusal r = refusal(e);
            return r != null && WriteChecksums.refusesChecksumHeader(r.status(), r.code(), r.message()) ? new String[] {String.valueOf(r.status()), r.code()} : null;
        }
    }

    private static final String SHA256_HEADER = "x-amz-checksum-sha256";

    /** Status, S3 error code and message of a server's refusal; null for a transport failure. */
    private record Refusal(int status, String code, String message) {
    }

    private static Refusal refusal(Exception e) {
        if (e instanceof ErrorResponseException ere) {
            return new Refusal(ere.response() == null ? 0 : ere.response().code(), ere.errorResponse().code(), ere.errorResponse().message());
        }
        if (e instanceof io.minio.errors.ServerException se) {
            return new Refusal(se.statusCode(), null, se.getMessage());
        }
        return null;
    }

    /** The body-check header for one request: x-amz-checksum-sha256, or Content-MD5 (legacy). */
    private static Map<String, String> checkHeader(boolean flexible, String sha256Base64, byte[] body, int len) {
        return flexible ? Map.of(SHA256_HEADER, sha256Base64) : Map.of("Content-MD5", PartChecksums.md5Base64(body, len));
    }

    interface Send<T> {
        T apply(boolean flexible) throws Exception;
    }

    /**
     * Sends one write whose body is in memory with the checksum form in use; when the server refuses the
     * x-amz-checksum-sha256 header, auto mode turns legacy and the write is sent again at once (parts too: this
     * client never declares the algorithm when it begins an upload, so its parts may carry either form).
     */
    private <T> T sendChecked(String what, Send<T> send) throws Exception {
        checksums.decide(this::probe);
        boolean flexible = checksums.flexible();
        try {
            return send.apply(flexible);
        } catch (Exception e) {
            Refusal r = refusal(e);
            if (flexible && r != null && WriteChecksums.refusesChecksumHeader(r.status(), r.code(), r.message()) && checksums.fallBack(what, r.status(), r.code(), e)) {
                return send.apply(false);
            }
            throw e;
        }
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
                        while (it.hasNext()) {
                            Item item = it.next().get();
                            if (!ObjectStore.folderEntry(item.objectName())) {
                                ahead = new ObjectInfo(item.objectName(), item.size(), unquote(item.etag()));
                                return true;
                            }
                        }
                        return false;
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
                String checksum = PartChecksums.hexToBase64(sha);
                Retry.run(describe + ": PUT", () -> {
                    try {
                        sendChecked("put " + bucket + "/" + key, flexible -> client.putObject(PutObjectArgs.builder().bucket(bucket).object(key)
                                .stream(new java.io.ByteArrayInputStream(buf, 0, len), len, Math.max(len, 5L << 20)).extraHeaders(checkHeader(flexible, checksum, buf, len)).build()));
                    } catch (Exception e) {
                        throw wrap("put " + bucket + "/" + key, e);
                    }
                });
                return sha;
            }
            // no x-amz-checksum-algorithm: this SDK cannot list part checksums when completing, which servers that were
            // told the algorithm require (S3Mock); each part's own header is checked all the same
            uploadId = await(async.createMultipartUploadAsync(bucket, region, key, null, null)).result().uploadId();
            List<Part> parts = new ArrayList<>();
            for (int n = 1; body.bytesRead() < size; n++) {
                int len = body.fill(buf);
                int partNumber = n;
                String upload = uploadId;
                String checksum = PartChecksums.sha256Base64(buf, len);
                String etag = Retry.call(describe + ": part " + partNumber, () -> {
                    try {
                        // without the SHA-256 header the SDK sends Content-MD5 itself (the body is a byte array)
                        return sendChecked("upload part " + partNumber + " of " + bucket + "/" + key, flexible -> await(async.uploadPartAsync(bucket, region, key, buf, len,
                                upload, partNumber, flexible ? ImmutableMultimap.of(SHA256_HEADER, checksum) : null, null)).etag());
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
