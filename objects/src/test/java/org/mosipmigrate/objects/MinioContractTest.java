package org.mosipmigrate.objects;

import org.mosipmigrate.core.config.ObjectStoreEndpoint;

/** The ObjectStore contract on the Minio client library. */
class MinioContractTest extends ObjectStoreContract {
    @Override
    ObjectStoreEndpoint.Kind kind() {
        return ObjectStoreEndpoint.Kind.MINIO;
    }
}
