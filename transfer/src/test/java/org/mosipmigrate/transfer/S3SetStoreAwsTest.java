package org.mosipmigrate.transfer;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.mosipmigrate.core.config.ObjectStoreEndpoint;
import org.mosipmigrate.core.set.store.BackupSetStore;
import org.mosipmigrate.testkit.S3Server;

/** The contract on S3Proxy through the AWS SDK v2 adapter. */
class S3SetStoreAwsTest extends BackupSetStoreContract {
    static S3Server server;
    static int n;

    @BeforeAll
    static void start() throws Exception {
        server = Stores.serverWithSetsBucket();
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    ObjectStoreEndpoint.Kind kind() {
        return ObjectStoreEndpoint.Kind.S3;
    }

    @Override
    BackupSetStore open() {
        return Stores.s3(kind(), server.endpoint(), server.accessKey(), server.secretKey(), "s3://sets/" + kind().name().toLowerCase() + "/run-" + (++n));
    }
}
