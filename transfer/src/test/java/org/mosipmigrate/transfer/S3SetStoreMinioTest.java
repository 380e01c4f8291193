package org.mosipmigrate.transfer;

import org.mosipmigrate.core.config.ObjectStoreEndpoint;

/** The contract on S3Proxy through the MinIO SDK adapter. */
class S3SetStoreMinioTest extends S3SetStoreAwsTest {
    @Override
    ObjectStoreEndpoint.Kind kind() {
        return ObjectStoreEndpoint.Kind.MINIO;
    }
}
