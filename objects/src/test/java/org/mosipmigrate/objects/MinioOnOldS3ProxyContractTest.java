package org.mosipmigrate.objects;

import org.mosipmigrate.core.config.ObjectStoreEndpoint;
import org.mosipmigrate.testkit.S3Flavor;

/** The ObjectStore contract on the Minio client library against S3Proxy 2.6.0. */
class MinioOnOldS3ProxyContractTest extends ObjectStoreContract {
    @Override
    ObjectStoreEndpoint.Kind kind() {
        return ObjectStoreEndpoint.Kind.MINIO;
    }

    @Override
    S3Flavor flavor() {
        return S3Flavor.S3PROXY_OLD;
    }
}
