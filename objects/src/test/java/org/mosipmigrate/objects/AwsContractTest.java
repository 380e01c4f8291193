package org.mosipmigrate.objects;

import org.mosipmigrate.core.config.ObjectStoreEndpoint;

/** The ObjectStore contract on the Aws client library. */
class AwsContractTest extends ObjectStoreContract {
    @Override
    ObjectStoreEndpoint.Kind kind() {
        return ObjectStoreEndpoint.Kind.S3;
    }
}
