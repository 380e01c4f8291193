package org.mosipmigrate.objects.adapter;

import java.util.Map;
import org.mosipmigrate.core.config.ObjectStoreEndpoint;
import org.mosipmigrate.core.config.Secret;
import org.mosipmigrate.objects.ObjectStore;

/** Opens the client library an endpoint's {@code type} names. The only place that reads the keys. */
public final class ObjectStores {
    private ObjectStores() {
    }

    public static ObjectStore open(ObjectStoreEndpoint e, Map<String, String> env, long partBytes, int connections) {
        Secret ak = e.accessKey().resolve(env, e.role() + ".objectStore access key");
        Secret sk = e.secretKey().resolve(env, e.role() + ".objectStore secret key");
        String region = e.region() == null ? "us-east-1" : e.region();
        CaTrust trust = CaTrust.load(e.role(), e.caFile());
        return switch (e.type()) {
            case MINIO -> new MinioObjectStore(e.role(), e.describe(), e.endpoint(), region, ak.reveal(), sk.reveal(), partBytes, connections, trust,
                    e.checksums(), e.listing());
            case S3 -> new AwsObjectStore(e.role(), e.describe(), e.endpoint(), region, ak.reveal(), sk.reveal(), partBytes, connections, trust,
                    e.checksums(), e.listing());
        };
    }
}
