package org.mosipmigrate.transfer;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.mosipmigrate.core.config.ObjectStoreEndpoint;
import org.mosipmigrate.core.set.store.BackupSetStore;
import org.mosipmigrate.testkit.S3Flavor;
import org.mosipmigrate.testkit.S3Server;

/** The contract on S3Proxy 4.1.0 through the AWS SDK v2 adapter; subclasses change the client or the server. */
@org.junit.jupiter.api.TestInstance(org.junit.jupiter.api.TestInstance.Lifecycle.PER_CLASS)
class S3SetStoreAwsTest extends BackupSetStoreContract {
    S3Server server;
    int n;

    S3Flavor flavor() {
        return S3Flavor.S3PROXY;
    }

    @BeforeAll
    void start() throws Exception {
        server = Stores.serverWithSetsBucket(flavor());
    }

    @AfterAll
    void stop() throws Exception {
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
