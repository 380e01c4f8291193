package org.mosipmigrate.objects;

import java.util.Locale;
import org.mosipmigrate.core.config.ObjectStoreEndpoint;
import org.mosipmigrate.core.config.ObjectStoreEndpoint.Checksums;
import org.mosipmigrate.core.error.ErrorCode;

/**
 * Which integrity check one client's writes carry (docs/objects.md, "Servers and compatibility"): {@code flexible}
 * (x-amz-checksum-sha256) or {@code legacy} (Content-MD5 and the signed SHA-256 payload hash). In {@code auto} the client
 * starts flexible and turns legacy, for the rest of the run, at the first write the server refuses because of the
 * checksum header; the SHA-256 the tool records for every object and file stays the proof either way.
 */
public final class WriteChecksums {
    private final String describe;
    private final String section;
    private final Checksums configured;
    private volatile boolean legacy;
    private volatile boolean probed;
    private volatile String switchedBecause;

    /** A side-effect-free request carrying x-amz-checksum-sha256 (a 0-byte PUT into a bucket that does not exist). */
    public interface Probe {
        /** The refusal as {status, code}, or null when the server did not refuse the header. */
        String[] send();
    }

    public WriteChecksums(String describe, String role, Checksums configured) {
        this.describe = describe;
        this.section = ObjectStoreEndpoint.section(role);
        this.configured = configured;
        this.legacy = configured == Checksums.LEGACY;
    }

    /** True while writes carry x-amz-checksum-sha256. */
    public boolean flexible() {
        return !legacy;
    }

    /**
     * In auto mode, once per client before its first write (and for preflight): asks the server with {@code probe}
     * whether it refuses the header, so that no body is sent in a form it cannot take. A server that answers the probe
     * with anything else is still caught by {@link #fallBack} at its first refused write.
     */
    public void decide(Probe probe) {
        if (configured != Checksums.AUTO || probed) {
            return;
        }
        synchronized (this) {
            if (probed) {
                return;
            }
            String[] refused;
            try {
                refused = probe.send();
            } catch (RuntimeException e) {
                refused = null; // unreachable or other trouble: the first real write tells
            }
            if (refused != null && !legacy) {
                legacy = true;
                switchedBecause = "a probe PUT carrying it was answered " + (refused[1] == null ? "" : refused[1] + ", ") + "HTTP " + refused[0];
            }
            probed = true;
        }
    }

    /** A server's answer that says it does not implement the checksum header (S3Proxy 2.x: 501 NotImplemented). */
    public static boolean refusesChecksumHeader(int status, String code, String message) {
        if (status == 501 || "NotImplemented".equals(code)) {
            return true;
        }
        String m = message == null ? "" : message.toLowerCase(Locale.ROOT);
        return status == 400 && ("InvalidArgument".equals(code) || "InvalidRequest".equals(code) || "BadRequest".equals(code)) && m.contains("checksum")
                && !m.contains("does not match") && !m.contains("mismatch");
    }

    /**
     * Called when a write that carried x-amz-checksum-sha256 was refused as {@link #refusesChecksumHeader}: in auto mode
     * turns legacy and returns true (send it again); with {@code flexible} configured, throws naming the setting.
     */
    public boolean fallBack(String what, int status, String code, Throwable cause) {
        if (configured == Checksums.FLEXIBLE) {
            throw new ObjectStoreException(ErrorCode.CONFIG, false, describe + ": " + what + ": the server refuses the x-amz-checksum-sha256 header ("
                    + (code == null ? "" : code + ", ") + "HTTP " + status + ")", "set " + section + ".checksums: legacy (or auto) for this server", cause);
        }
        if (!legacy) {
            legacy = true;
            switchedBecause = what + " was refused with " + (code == null ? "" : code + ", ") + "HTTP " + status;
        }
        return true;
    }

    /** The mode in use, for preflight and run output, e.g. "auto: legacy (Content-MD5 + signed SHA-256 payload) since ...". */
    public String describe() {
        String now = legacy ? "legacy (Content-MD5 + signed SHA-256 payload hash)" : "flexible (x-amz-checksum-sha256)";
        String how = configured == Checksums.AUTO ? "auto: " + now + (switchedBecause == null ? (legacy ? "" : " until the server refuses it")
                : ", the server refused x-amz-checksum-sha256 (" + switchedBecause + ")") : now;
        return how + " [" + section + ".checksums]";
    }
}
