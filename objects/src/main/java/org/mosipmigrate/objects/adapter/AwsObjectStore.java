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

/** {@link ObjectStore} on the AWS SDK v2 (path-style, V4 signatures, flexible checksums, explicit multipart). */
final class AwsObjectStore implements ObjectStore {
    private final S3Client s3;
    private final String describe;
    private final String role;
    private final long partBytes;

    AwsObjectStore(String role, String describe, String endpoint, String region, String accessKey, String secretKey, long partBytes, int connections, CaTrust trust) {
        this.role = role;
        this.describe = describe;
        this.partBytes = partBytes;
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
                .build();
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
                it = pages.contents().iterator();
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
                        s3.putObject(r -> r.bucket(bucket).key(key).contentLength((long) len).checksumSHA256(checksum),
                                RequestBody.fromContentProvider(() -> new java.io.ByteArrayInputStream(buf, 0, len), len, "application/octet-stream"));
                    } catch (RuntimeException e) {
                        throw wrap("put " + bucket + "/" + key, e);
                    }
                });
                return sha;
            }
        } catch (java.io.IOException e) {
            throw Errors.transport(describe, role, "read the content of " + bucket + "/" + key, e);
        }
        String uploadId;
        try {
            uploadId = s3.createMultipartUpload(r -> r.bucket(bucket).key(key).checksumAlgorithm(ChecksumAlgorithm.SHA256)).uploadId();
        } catch (RuntimeException e) {
            throw wrap("start multipart upload of " + bucket + "/" + key, e);
        }
        try {
            List<CompletedPart> parts = new ArrayList<>();
            for (int n = 1; body.bytesRead() < size; n++) {
                int len = body.fill(buf);
                int partNumber = n;
                String checksum = PartChecksums.sha256Base64(buf, len);
                String etag = Retry.call(describe + ": part " + partNumber, () -> {
                    try {
                        return s3.uploadPart(r -> r.bucket(bucket).key(key).uploadId(uploadId).partNumber(partNumber).contentLength((long) len)
                                .checksumSHA256(checksum), RequestBody.fromContentProvider(() -> new java.io.ByteArrayInputStream(buf, 0, len), len, "application/octet-stream")).eTag();
                    } catch (RuntimeException e) {
                        throw wrap("upload part " + partNumber + " of " + bucket + "/" + key, e);
                    }
                });
                parts.add(CompletedPart.builder().partNumber(partNumber).eTag(etag).checksumSHA256(checksum).build());
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
            try {
                s3.putObject(r -> r.bucket(bucket).key(key).contentLength(size).contentType(ct).metadata(meta),
                        RequestBody.fromBytes(readExactly(in, size, bucket + "/" + key)));
            } catch (RuntimeException e) {
                throw wrap("put " + bucket + "/" + key, e);
            }
            return;
        }
        String uploadId;
        try {
            uploadId = s3.createMultipartUpload(r -> r.bucket(bucket).key(key).contentType(ct).metadata(meta)).uploadId();
        } catch (RuntimeException e) {
            throw wrap("start multipart upload of " + bucket + "/" + key, e);
        }
        try {
            List<CompletedPart> parts = new ArrayList<>();
            long left = size;
            int n = 1;
            while (left > 0) {
                long len = Math.min(partBytes, left);
                int partNumber = n;
                byte[] part = readExactly(in, len, bucket + "/" + key);
                String etag = s3.uploadPart(r -> r.bucket(bucket).key(key).uploadId(uploadId).partNumber(partNumber).contentLength(len),
                        RequestBody.fromBytes(part)).eTag();
                parts.add(CompletedPart.builder().partNumber(partNumber).eTag(etag).build());
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
