package org.mosipmigrate.transfer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mosipmigrate.core.config.ObjectStoreEndpoint;
import org.mosipmigrate.core.error.ErrorCode;
import org.mosipmigrate.core.error.MigrateException;
import org.mosipmigrate.core.set.store.BackupSetStore;
import org.mosipmigrate.objects.PartChecksums;
import org.mosipmigrate.testkit.FaultProxy;
import org.mosipmigrate.testkit.S3Server;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** What the S3 backup-set store relies on the server for, and how it behaves when the server or network misbehaves. */
class S3SetStoreFaultsTest {
    static S3Server server;

    @BeforeAll
    static void start() throws Exception {
        server = Stores.serverWithSetsBucket();
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    /** The per-part checksum is worth something only if the server checks it: a part whose header does not match its bytes is refused. */
    @Test
    void theServerRefusesBodiesThatDoNotMatchTheirSha256Header() {
        try (S3Client s3 = S3Client.builder().endpointOverride(URI.create(server.endpoint())).region(Region.US_EAST_1).forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(server.accessKey(), server.secretKey()))).build()) {
            byte[] sent = Stores.bytes(1000, 1);
            String otherChecksum = PartChecksums.hexToBase64(Stores.sha256(Stores.bytes(1000, 2)));
            S3Exception single = assertThrows(S3Exception.class, () -> s3.putObject(r -> r.bucket("sets").key("bad-single").checksumSHA256(otherChecksum),
                    RequestBody.fromBytes(sent)));
            assertEquals(400, single.statusCode(), single.getMessage());
            String upload = s3.createMultipartUpload(r -> r.bucket("sets").key("bad-part").checksumAlgorithm(ChecksumAlgorithm.SHA256)).uploadId();
            S3Exception part = assertThrows(S3Exception.class, () -> s3.uploadPart(r -> r.bucket("sets").key("bad-part").uploadId(upload).partNumber(1)
                    .checksumSHA256(otherChecksum), RequestBody.fromBytes(sent)));
            assertEquals(400, part.statusCode(), part.getMessage());
            s3.abortMultipartUpload(r -> r.bucket("sets").key("bad-part").uploadId(upload));
            assertThrows(S3Exception.class, () -> s3.headObject(r -> r.bucket("sets").key("bad-single")));
        }
    }

    @Test
    void aMissingBucketAndWrongKeysAreClearErrorsWithoutTheSecret() {
        for (ObjectStoreEndpoint.Kind kind : ObjectStoreEndpoint.Kind.values()) {
            MigrateException missing = assertThrows(MigrateException.class,
                    () -> Stores.s3(kind, server.endpoint(), server.accessKey(), server.secretKey(), "s3://no-such-bucket/x").close());
            assertEquals(3, missing.exitCode());
            assertTrue(missing.getMessage().contains("no-such-bucket") && missing.getMessage().contains("does not exist"), missing.getMessage());
            MigrateException denied = assertThrows(MigrateException.class,
                    () -> Stores.s3(kind, server.endpoint(), server.accessKey(), "wrong-secret-value", "s3://sets/x").close());
            assertEquals(ErrorCode.AUTHENTICATION, denied.code(), kind + ": " + denied.getMessage());
            assertTrue(denied.hint().contains("backupStore.accessKeyEnv"), denied.hint());
            assertFalse(denied.getMessage().contains("wrong-secret-value") || denied.getMessage().contains(server.secretKey()), denied.getMessage());
        }
    }

    /**
     * Every connection is reset after 6 MiB (more than a part, so each part can get through on a fresh one):
     * uploads send a cut part again, reads continue with a ranged GET.
     */
    @Test
    void writesAndReadsRideThroughResetConnections() throws Exception {
        byte[] data = Stores.bytes(12 << 20, 7); // three parts of 5 MiB
        try (FaultProxy proxy = FaultProxy.start(server.port()).cutEvery(1, 6 << 20)) {
            for (ObjectStoreEndpoint.Kind kind : ObjectStoreEndpoint.Kind.values()) {
                try (BackupSetStore store = Stores.s3(kind, proxy.endpoint(), server.accessKey(), server.secretKey(), "s3://sets/faults-" + kind)) {
                    assertEquals(Stores.sha256(data), Stores.write(store, "objects/segments/seg-000001.tar.zst", data, Stores.sha256(data)));
                    assertArrayEquals(data, Stores.read(store, "objects/segments/seg-000001.tar.zst"));
                }
            }
            assertTrue(proxy.cuts() >= 4, "the proxy cut " + proxy.cuts() + " of " + proxy.connections() + " connections");
        }
    }
}
