package org.mosipmigrate.transfer;

import org.mosipmigrate.core.config.ObjectStoreEndpoint;
import org.mosipmigrate.testkit.S3Flavor;

/** The BackupSetStore contract through the Aws client library against S3Mock 4.8.0. */
class S3SetStoreAwsOnS3MockTest extends S3SetStoreAwsTest {
    @Override
    ObjectStoreEndpoint.Kind kind() {
        return ObjectStoreEndpoint.Kind.S3;
    }

    @Override
    S3Flavor flavor() {
        return S3Flavor.S3MOCK;
    }
}
