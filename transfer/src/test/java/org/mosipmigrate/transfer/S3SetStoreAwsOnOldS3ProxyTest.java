package org.mosipmigrate.transfer;

import org.mosipmigrate.core.config.ObjectStoreEndpoint;
import org.mosipmigrate.testkit.S3Flavor;

/** The BackupSetStore contract through the Aws client library against S3Proxy 2.6.0. */
class S3SetStoreAwsOnOldS3ProxyTest extends S3SetStoreAwsTest {
    @Override
    ObjectStoreEndpoint.Kind kind() {
        return ObjectStoreEndpoint.Kind.S3;
    }

    @Override
    S3Flavor flavor() {
        return S3Flavor.S3PROXY_OLD;
    }
}
