package org.mosipmigrate.objects.adapter;

import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import org.mosipmigrate.core.config.ObjectStoreEndpoint;
import org.mosipmigrate.core.error.ErrorCode;
import org.mosipmigrate.objects.ObjectStoreException;

/** Maps an S3 error code / HTTP status / transport failure to one classified exception. */
final class Errors {
    private Errors() {
    }

    static ObjectStoreException fromS3(String describe, String role, String what, String s3Code, int status, Throwable cause) {
        String code = s3Code == null ? "" : s3Code;
        switch (code) {
            case "NoSuchBucket":
                return new ObjectStoreException(ErrorCode.RUNTIME, false, describe + ": " + what + ": the bucket does not exist (NoSuchBucket)",
                        ObjectStoreEndpoint.BACKUP_STORE.equals(role) ? "check the bucket of the s3:// backup set location, and backupStore.endpoint; create the bucket first"
                                : "check the bucket name (source.objectStore.buckets / bucketMapping) and that the " + role + " server is the right one", cause);
            case "NoSuchKey":
                return new ObjectStoreException(ErrorCode.RUNTIME, false, describe + ": " + what + ": the object does not exist (NoSuchKey); it was deleted after it was listed",
                        "run the same command again: the listing is taken afresh", cause);
            case "InvalidAccessKeyId", "SignatureDoesNotMatch", "AccessDenied", "InvalidToken", "ExpiredToken":
                return new ObjectStoreException(ErrorCode.AUTHENTICATION, false, describe + ": " + what + ": the server refused the credentials (" + code + ")",
                        "check the access and secret key named by " + ObjectStoreEndpoint.section(role) + ".accessKeyEnv/secretKeyEnv (or ...File), and the region", cause);
            default:
                break;
        }
        if (status == 403) {
            return new ObjectStoreException(ErrorCode.AUTHENTICATION, false, describe + ": " + what + ": access denied (HTTP 403" + (code.isEmpty() ? "" : ", " + code) + ")",
                    "check the access and secret key named by " + ObjectStoreEndpoint.section(role) + ".accessKeyEnv/secretKeyEnv (or ...File) and the account's permissions", cause);
        }
        if (status == 404) {
            return new ObjectStoreException(ErrorCode.RUNTIME, false, describe + ": " + what + ": not found (HTTP 404" + (code.isEmpty() ? "" : ", " + code) + ")",
                    "check the bucket and key", cause);
        }
        boolean retry = status >= 500 || status == 429 || "SlowDown".equals(code) || "RequestTimeout".equals(code) || "InternalError".equals(code);
        return new ObjectStoreException(ErrorCode.RUNTIME, retry, describe + ": " + what + ": server error " + (code.isEmpty() ? "" : code + " ") + "(HTTP " + status + ")",
                retry ? "transient; retried with backoff, then run the same command again" : "see the server's logs", cause);
    }

    static ObjectStoreException transport(String describe, String role, String what, Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof javax.net.ssl.SSLException) {
                Throwable r = t;
                while (r.getCause() != null && r.getCause() != r) {
                    r = r.getCause();
                }
                return new ObjectStoreException("source".equals(role) ? ErrorCode.SOURCE_UNREACHABLE : ErrorCode.TARGET_UNREACHABLE, false,
                        describe + ": " + what + ": TLS handshake failed, the server's certificate is not trusted or does not match ("
                                + r.getClass().getSimpleName() + (r.getMessage() == null ? "" : ": " + r.getMessage()) + ")",
                        "set " + ObjectStoreEndpoint.section(role) + ".caFile to the PEM file of the CA that signed the server's certificate, and check the host name in "
                                + ObjectStoreEndpoint.section(role) + ".endpoint is in that certificate", cause);
            }
        }
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            if (root instanceof ConnectException || root instanceof UnknownHostException) {
                break;
            }
            root = root.getCause();
        }
        boolean refused = root instanceof ConnectException || root instanceof UnknownHostException
                || cause instanceof ConnectException || cause instanceof UnknownHostException;
        ErrorCode code = refused ? ("source".equals(role) ? ErrorCode.SOURCE_UNREACHABLE : ErrorCode.TARGET_UNREACHABLE) : ErrorCode.RUNTIME;
        Throwable network = networkFailure(cause, 0);
        Throwable shown = root instanceof IOException || network == null ? root : network;
        String msg = describe + ": " + what + ": " + (refused ? "cannot connect" : "transfer failed") + " (" + shown.getClass().getSimpleName()
                + (shown.getMessage() == null ? "" : ": " + shown.getMessage()) + ")";
        boolean retry = network != null || refused;
        return new ObjectStoreException(code, retry, msg,
                refused ? "check " + ObjectStoreEndpoint.section(role) + ".endpoint and that the server is up" : "retried with backoff; if it persists check the network, then run the same command again", cause);
    }

    /**
     * The I/O failure under a client exception, looking through causes and the suppressed failures of earlier
     * attempts: when a connection breaks while a streamed body is sent, the AWS SDK's own retry fails with
     * "does not support mark/reset" and keeps the network error only as a suppressed exception.
     */
    private static Throwable networkFailure(Throwable t, int depth) {
        if (t == null || depth > 8) {
            return null;
        }
        if (t instanceof IOException) {
            return t;
        }
        for (Throwable s : t.getSuppressed()) {
            Throwable found = networkFailure(s, depth + 1);
            if (found != null) {
                return found;
            }
        }
        if (t instanceof IllegalStateException && t.getMessage() != null && t.getMessage().contains("mark/reset")) {
            return new IOException("the connection failed while the body was sent, and the client cannot send it again by itself", t);
        }
        return t.getCause() == t ? null : networkFailure(t.getCause(), depth + 1);
    }
}
