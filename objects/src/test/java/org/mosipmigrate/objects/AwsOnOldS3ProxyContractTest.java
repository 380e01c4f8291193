package org.mosipmigrate.objects;

import org.mosipmigrate.core.config.ObjectStoreEndpoint;
import org.mosipmigrate.testkit.S3Flavor;

/** The ObjectStore contract on the Aws client library against S3Proxy 2.6.0. */
class AwsOnOldS3ProxyContractTest extends ObjectStoreContract {
    @Override
    ObjectStoreEndpoint.Kind kind() {
        return ObjectStoreEndpoint.Kind.S3;
    }

    @Override
    S3Flavor flavor() {
        return S3Flavor.S3PROXY_OLD;
    }
}
