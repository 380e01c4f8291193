package org.mosipmigrate.objects.adapter;

import java.util.UUID;

/** How a server names itself, from what both client libraries can see. */
final class ServerIdentity {
    private ServerIdentity() {
    }

    /** E.g. "Server: Jetty(11.0.24)", "Server: MinIO; owner minio", or "not announced" when the server sends neither. */
    static String of(String serverHeader, String owner) {
        StringBuilder sb = new StringBuilder();
        if (serverHeader != null && !serverHeader.isBlank()) {
            sb.append("Server: ").append(serverHeader.strip());
        }
        if (owner != null && !owner.isBlank()) {
            sb.append(sb.length() == 0 ? "" : "; ").append("bucket owner ").append(owner.strip());
        }
        return sb.length() == 0 ? "not announced (no Server header)" : sb.toString();
    }

    /** A bucket name no one has: the checksum probe's PUT into it writes nothing. */
    static String probeBucket() {
        return "mosip-migrate-probe-" + UUID.randomUUID();
    }
}
