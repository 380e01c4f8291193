package org.mosipmigrate.objects.adapter;

import org.mosipmigrate.core.run.Retry;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.mosipmigrate.objects.MetadataCodec;
import org.mosipmigrate.objects.ObjectHead;
import org.mosipmigrate.objects.ObjectInfo;
import org.mosipmigrate.objects.ObjectStore;
import org.mosipmigrate.core.set.store.SizedDigestStream;
import org.mosipmigrate.objects.PartChecksums;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.CompletedMultipartUpload;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.auth.scheme.S3AuthSchemeProvider;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import org.mosipmigrate.core.config.ObjectStoreEndpoint;
import org.mosipmigrate.core.error.ErrorCode;
import org.mosipmigrate.objects.Compatibility;
import org.mosipmigrate.objects.ObjectStoreException;
import org.mosipmigrate.objects.WriteChecksums;

/**
 * {@link ObjectStore} on the AWS SDK v2 (path-style, V4 signatures, explicit multipart). The SDK's own checksums are
 * off (WHEN_REQUIRED: no streaming trailer, no aws-chunked body, which older servers refuse); every write carries the
 * check {@link WriteChecksums} chose, computed here over the buffered body: x-amz-checksum-sha256, or Content-MD5 with
 * the payload's SHA-256 signed.
 */
final class AwsObjectStore implements ObjectStore {
    private final S3Client s3;
    private final String describe;
    private final String role;
    private final long partBytes;
    private final WriteChecksums checksums;
    private final ObjectStoreEndpoint.Listing listing;

    AwsObjectStore(String role, String describe, String endpoint, String region, String accessKey, String secretKey, long partBytes, int connections, CaTrust trust,
                   ObjectStoreEndpoint.Checksums checksumMode, ObjectStoreEndpoint.Listing listing) {
        this.role = role;
        this.describe = describe;
        this.partBytes = partBytes;
        this.listing = listing;
        this.checksums = new WriteChecksums(describe, role, checksumMode);
        Apache5HttpClient.Builder http = Apache5HttpClient.builder().maxConnections(Math.max(16, connections * 2))
                .connectionTimeout(Duration.ofSeconds(15)).socketTimeout(Duration.ofMinutes(5));
        if (trust != null) {
            // this client's trust only; the SDK keeps checking the host name against the certificate
            http.tlsTrustManagersProvider(() -> new javax.net.ssl.TrustManager[] {trust.trustManager});
        }
        this.s3 = S3Client.builder()
                .endpointOverride(URI.create(endpoint))
                .region(Region.of(region))
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
                .httpClientBuilder(http)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .serviceConfiguration(S3Configuration.builder().chunkedEncodingEnabled(false).build())
                // legacy: the payload's SHA-256 is signed also over https (the SDK leaves it unsigned there by default)
                .authSchemeProvider(params -> S3AuthSchemeProvider.defaultProvider().resolveAuthScheme(params).stream()
                        .map(o -> checksums.flexible() ? o : o.toBuilder().putSignerProperty(AwsV4FamilyHttpSigner.PAYLOAD_SIGNING_ENABLED, true).build())
                        .toList())
                .build();
    }

    @Override
    public ObjectStoreEndpoint.Listing listing() {
        return listing;
    }

    @Override
    public Compatibility compatibility() {
        checksums.decide(this::probe);
        String server;
        try {
            var r = s3.listBuckets(b -> b.maxBuckets(1));
            server = ServerIdentity.of(r.sdkHttpResponse().firstMatchingHeader("Server").orElse(null),
                    r.owner() == null ? null : r.owner().displayName());
        } catch (RuntimeException e) {
            server = "not reported (" + wrap("list buckets", e).getMessage() + ")";
        }
        return new Compatibility(server, checksums.describe(), listing);
    }

    /** A 0-byte PUT carrying x-amz-checksum-sha256 into a bucket that does not exist: nothing is written anywhere. */
    private String[] probe() {
        try {
            s3.putObject(r -> r.bucket(ServerIdentity.probeBucket()).key("probe").checksumSHA256(EMPTY_SHA256), RequestBody.empty());
            return null;
        } catch (S3Exception e) {
            String code = code(e);
            return WriteChecksums.refusesChecksumHeader(e.statusCode(), code, e.getMessage()) ? new String[] {String.valueOf(e.statusCode()), code} : null;
        }
    }

    private static final String EMPTY_SHA256 = PartChecksums.sha256Base64(new byte[0], 0);

    private static String code(S3Exception e) {
        return e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
    }

    /**
     * Sends one write whose body is in memory, with the checksum form in use; when the server refuses the
     * x-amz-checksum-sha256 header, auto mode turns legacy and the write is sent again at once.
     */
    private <T> T sendChecked(String what, java.util.function.Function<Boolean, T> send) {
        checksums.decide(this::probe);
        boolean flexible = checksums.flexible();
        try {
            return send.apply(flexible);
        } catch (S3Exception e) {
            if (flexible && WriteChecksums.refusesChecksumHeader(e.statusCode(), code(e), e.getMessage()) && checksums.fallBack(what, e.statusCode(), code(e), e)) {
                return send.apply(false);
            }
            throw e;
        }
    }

    /**
     * A part of an upload begun with (or without) the SHA-256 algorithm must keep that form: a refused part turns auto
     * legacy and fails retryable, so the caller's retry sends the whole object again in the new form.
     */
    private String sendPart(String what, boolean flexible, java.util.function.Function<Boolean, String> send) {
        try {
            return send.apply(flexible);
        } catch (S3Exception e) {
            if (flexible && WriteChecksums.refusesChecksumHeader(e.statusCode(), code(e), e.getMessage()) && checksums.fallBack(what, e.statusCode(), code(e), e)) {
                throw new ObjectStoreException(ErrorCode.RUNTIME, true, describe + ": " + what + ": the server refused x-amz-checksum-sha256 on a part; "
                        + "the object is sent again with Content-MD5", null, e);
            }
            throw e;
        }
    }

    @Override
    public String describe() {
        return describe;
    }

    private RuntimeException wrap(String what, RuntimeException e) {
        if (e instanceof org.mosipmigrate.core.error.MigrateException me) {
            return me;
        }
        if (e instanceof S3Exception s) {
            String code = s.awsErrorDetails() == null ? null : s.awsErrorDetails().errorCode();
            return Errors.fromS3(describe, role, what, code, s.statusCode(), e);
        }
        if (e instanceof SdkServiceException s) {
            return Errors.fromS3(describe, role, what, null, s.statusCode(), e);
        }
        if (e instanceof SdkClientException) {
            return Errors.transport(describe, role, what, e);
        }
        return Errors.transport(describe, role, what, e);
    }

    @Override
    public Iterable<String> listBuckets() {
        try {
            var pages = s3.listBucketsPaginator(r -> r.maxBuckets(1000));
            return () -> {
                Iterator<software.amazon.awssdk.services.s3.model.Bucket> it;
                try {
                    it = pages.buckets().iterator();
                } catch (RuntimeException e) {
                    throw wrap("list buckets", e);
                }
                return new Iterator<>() {
                    @Override
                    public boolean hasNext() {
                        try {
                            return it.hasNext();
                        } catch (RuntimeException e) {
                            throw wrap("list buckets", e);
                        }
                    }

                    @Override
                    public String next() {
                        return it.next().name();
                    }
                };
            };
        } catch (RuntimeException e) {
            throw wrap("list buckets", e);
        }
    }

    @Override
    public Iterable<ObjectInfo> listObjects(String bucket, String prefix) {
        var pages = s3.listObjectsV2Paginator(r -> r.bucket(bucket).prefix(prefix == null || prefix.isEmpty() ? null : prefix).maxKeys(1000));
        return () -> {
            Iterator<S3Object> it;
            try {
                it = com.google.common.collect.Iterators.filter(pages.contents().iterator(), o -> !ObjectStore.folderEntry(o.key()));
            } catch (RuntimeException e) {
                throw wrap("list bucket " + bucket, e);
            }
            return new Iterator<>() {
                @Override
                public boolean hasNext() {
                    try {
                        return it.hasNext();
                    } catch (RuntimeException e) {
                        throw wrap("list bucket " + bucket, e);
                    }
                }

                @Override
                public ObjectInfo next() {
                    S3Object o = it.next();
                    return new ObjectInfo(o.key(), o.size(), MinioObjectStore.unquote(o.eTag()));
                }
            };
        };
    }

    @Override
    public ObjectHead head(String bucket, String key) {
        try {
            HeadObjectResponse h = s3.headObject(r -> r.bucket(bucket).key(key));
            return new ObjectHead(h.contentLength(), MinioObjectStore.unquote(h.eTag()), h.contentType(), MetadataCodec.decode(h.metadata()));
        } catch (NoSuchKeyException e) {
            return null;
        } catch (S3Exception e) {
            if (e.statusCode() == 404 && bucketExists(bucket)) {
                return null;
            }
            if (e.statusCode() == 404) {
                throw Errors.fromS3(describe, role, "head " + bucket + "/" + key, "NoSuchBucket", 404, e);
            }
            throw wrap("head " + bucket + "/" + key, e);
        } catch (RuntimeException e) {
            throw wrap("head " + bucket + "/" + key, e);
        }
    }

    @Override
    public InputStream get(String bucket, String key) {
        try {
            return s3.getObject(r -> r.bucket(bucket).key(key));
        } catch (RuntimeException e) {
            throw wrap("get " + bucket + "/" + key, e);
        }
    }

    @Override
    public InputStream get(String bucket, String key, long offset) {
        try {
            return s3.getObject(r -> r.bucket(bucket).key(key).range("bytes=" + offset + "-"));
        } catch (RuntimeException e) {
            throw wrap("get " + bucket + "/" + key + " from byte " + offset, e);
        }
    }

    @Override
    public String putVerified(String bucket, String key, InputStream in, long size, String expectedSha256) {
        SizedDigestStream body = new SizedDigestStream(in, size, bucket + "/" + key);
        byte[] buf = new byte[(int) Math.min(size, partBytes)];
        try {
            if (size <= partBytes) {
                int len = body.fill(buf);
                String sha = body.sha256Checked(describe, expectedSha256);
                String checksum = PartChecksums.hexToBase64(sha);
                Retry.run(describe + ": PUT", () -> {
                    try {
                        sendChecked("put " + bucket + "/" + key, flexible -> s3.putObject(r -> check(r.bucket(bucket).key(key).contentLength((long) len), flexible, checksum, buf, len),
                                RequestBody.fromContentProvider(() -> new java.io.ByteArrayInputStream(buf, 0, len), len, "application/octet-stream")));
                    } catch (RuntimeException e) {
                        throw wrap("put " + bucket + "/" + key, e);
                    }
                });
                return sha;
            }
        } catch (java.io.IOException e) {
            throw Errors.transport(describe, role, "read the content of " + bucket + "/" + key, e);
        }
        Upload up = startUpload(bucket, key, null, null);
        String uploadId = up.id();
        try {
            List<CompletedPart> parts = new ArrayList<>();
            for (int n = 1; body.bytesRead() < size; n++) {
                int len = body.fill(buf);
                int partNumber = n;
                String checksum = PartChecksums.sha256Base64(buf, len);
                String etag = Retry.call(describe + ": part " + partNumber, () -> {
                    try {
                        return sendPart("upload part " + partNumber + " of " + bucket + "/" + key, up.flexible(), flexible -> s3.uploadPart(r -> check(r.bucket(bucket).key(key)
                                .uploadId(uploadId).partNumber(partNumber).contentLength((long) len), flexible, checksum, buf, len),
                                RequestBody.fromContentProvider(() -> new java.io.ByteArrayInputStream(buf, 0, len), len, "application/octet-stream")).eTag());
                    } catch (RuntimeException e) {
                        throw wrap("upload part " + partNumber + " of " + bucket + "/" + key, e);
                    }
                });
                parts.add(completed(partNumber, etag, up.flexible(), checksum));
            }
            String sha = body.sha256Checked(describe, expectedSha256);
            Retry.run(describe + ": complete upload", () -> {
                try {
                    s3.completeMultipartUpload(r -> r.bucket(bucket).key(key).uploadId(uploadId)
                            .multipartUpload(CompletedMultipartUpload.builder().parts(parts).build()));
                } catch (RuntimeException e) {
                    throw wrap("complete multipart upload of " + bucket + "/" + key, e);
                }
            });
            return sha;
        } catch (java.io.IOException | RuntimeException e) {
            try {
                s3.abortMultipartUpload(r -> r.bucket(bucket).key(key).uploadId(uploadId));
            } catch (RuntimeException ignored) {
                // the original failure is the one to report; an unfinished upload is never visible
            }
            if (e instanceof RuntimeException re) {
                throw wrap("multipart upload of " + bucket + "/" + key, re);
            }
            throw Errors.transport(describe, role, "read the content of " + bucket + "/" + key, e);
        }
    }


    @Override
    public Download download(String bucket, String key) {
        try {
            var in = s3.getObject(r -> r.bucket(bucket).key(key));
            var h = in.response();
            return new Download(new ObjectHead(h.contentLength(), MinioObjectStore.unquote(h.eTag()), h.contentType(),
                    MetadataCodec.decode(h.metadata())), in);
        } catch (NoSuchKeyException e) {
            return null;
        } catch (RuntimeException e) {
            throw wrap("get " + bucket + "/" + key, e);
        }
    }

    @Override
    public void put(String bucket, String key, InputStream in, long size, String contentType, Map<String, String> userMetadata) {
        Map<String, String> meta = MetadataCodec.encode(userMetadata);
        String ct = contentType == null || contentType.isBlank() ? null : contentType;
        if (size <= partBytes) {
            byte[] body = readExactly(in, size, bucket + "/" + key);
            try {
                sendChecked("put " + bucket + "/" + key, flexible -> s3.putObject(r -> check(r.bucket(bucket).key(key).contentLength(size).contentType(ct).metadata(meta),
                        flexible, null, body, body.length), RequestBody.fromBytes(body)));
            } catch (RuntimeException e) {
                throw wrap("put " + bucket + "/" + key, e);
            }
            return;
        }
        Upload up = startUpload(bucket, key, ct, meta);
        String uploadId = up.id();
        try {
            List<CompletedPart> parts = new ArrayList<>();
            long left = size;
            int n = 1;
            while (left > 0) {
                long len = Math.min(partBytes, left);
                int partNumber = n;
                byte[] part = readExactly(in, len, bucket + "/" + key);
                String checksum = up.flexible() ? PartChecksums.sha256Base64(part, part.length) : null;
                String etag = sendPart("upload part " + partNumber + " of " + bucket + "/" + key, up.flexible(), flexible -> s3.uploadPart(r -> check(r.bucket(bucket).key(key)
                        .uploadId(uploadId).partNumber(partNumber).contentLength(len), flexible, checksum, part, part.length), RequestBody.fromBytes(part)).eTag());
                parts.add(completed(partNumber, etag, up.flexible(), checksum));
                left -= len;
                n++;
            }
            s3.completeMultipartUpload(r -> r.bucket(bucket).key(key).uploadId(uploadId)
                    .multipartUpload(CompletedMultipartUpload.builder().parts(parts).build()));
        } catch (RuntimeException e) {
            try {
                s3.abortMultipartUpload(r -> r.bucket(bucket).key(key).uploadId(uploadId));
            } catch (RuntimeException ignored) {
                // the original failure is the one to report; an unfinished upload is cleaned by the server's lifecycle
            }
            throw wrap("multipart upload of " + bucket + "/" + key, e);
        }
    }

    /** An upload and whether it was begun with the SHA-256 checksum algorithm (its parts then carry x-amz-checksum-sha256). */
    private record Upload(String id, boolean flexible) {
    }

    private Upload startUpload(String bucket, String key, String ct, Map<String, String> meta) {
        String what = "start multipart upload of " + bucket + "/" + key;
        try {
            return sendChecked(what, flexible -> new Upload(s3.createMultipartUpload(r -> {
                r.bucket(bucket).key(key);
                if (ct != null) {
                    r.contentType(ct);
                }
                if (meta != null) {
                    r.metadata(meta);
                }
                if (flexible) {
                    r.checksumAlgorithm(ChecksumAlgorithm.SHA256);
                }
            }).uploadId(), flexible));
        } catch (RuntimeException e) {
            throw wrap(what, e);
        }
    }

    private static CompletedPart completed(int partNumber, String etag, boolean flexible, String sha256Base64) {
        CompletedPart.Builder b = CompletedPart.builder().partNumber(partNumber).eTag(etag);
        return (flexible ? b.checksumSHA256(sha256Base64) : b).build();
    }

    /** The body's check: x-amz-checksum-sha256 ({@code sha256Base64}, or computed here) or Content-MD5. */
    private static void check(PutObjectRequest.Builder r, boolean flexible, String sha256Base64, byte[] body, int len) {
        if (flexible) {
            r.checksumSHA256(sha256Base64 != null ? sha256Base64 : PartChecksums.sha256Base64(body, len));
        } else {
            r.contentMD5(PartChecksums.md5Base64(body, len));
        }
    }

    private static void check(UploadPartRequest.Builder r, boolean flexible, String sha256Base64, byte[] body, int len) {
        if (flexible) {
            r.checksumSHA256(sha256Base64 != null ? sha256Base64 : PartChecksums.sha256Base64(body, len));
        } else {
            r.contentMD5(PartChecksums.md5Base64(body, len));
        }
    }

    /**
     * One object or part, at most partBytes, in memory: the SDK retries a failed request by sending the body again, which a
     * one-way stream (a tar segment being restored, a GET being copied) cannot do. partSize bounds it (docs/configuration.md).
     */
    private static byte[] readExactly(InputStream in, long len, String what) {
        try {
            byte[] b = in.readNBytes((int) len);
            if (b.length != len) {
                throw new org.mosipmigrate.objects.ObjectStoreException(org.mosipmigrate.core.error.ErrorCode.RUNTIME, true, what + ": the source ended after " + b.length
                        + " of " + len + " bytes", null, null);
            }
            return b;
        } catch (java.io.IOException e) {
            throw new org.mosipmigrate.objects.ObjectStoreException(org.mosipmigrate.core.error.ErrorCode.RUNTIME, true, what + ": reading the source failed: " + e, null, e);
        }
    }

    @Override
    public boolean bucketExists(String bucket) {
        try {
            s3.headBucket(r -> r.bucket(bucket));
            return true;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return false;
            }
            throw wrap("check bucket " + bucket, e);
        } catch (RuntimeException e) {
            throw wrap("check bucket " + bucket, e);
        }
    }

    @Override
    public void createBucket(String bucket) {
        try {
            s3.createBucket(r -> r.bucket(bucket));
        } catch (S3Exception e) {
            String code = e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorCode();
            if (!"BucketAlreadyOwnedByYou".equals(code)) {
                throw wrap("create bucket " + bucket, e);
            }
        } catch (RuntimeException e) {
            throw wrap("create bucket " + bucket, e);
        }
    }

    @Override
    public void delete(String bucket, String key) {
        try {
            s3.deleteObject(r -> r.bucket(bucket).key(key));
        } catch (RuntimeException e) {
            throw wrap("delete " + bucket + "/" + key, e);
        }
    }

    @Override
    public void close() {
        s3.close();
    }
}
