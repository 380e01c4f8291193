package org.mosipmigrate.objects;

import java.util.Base64;
import java.util.HexFormat;
import org.mosipmigrate.core.set.ChunkFiles;

/** The base64 SHA-256 the S3 checksum headers carry ({@code x-amz-checksum-sha256}). */
public final class PartChecksums {
    private PartChecksums() {
    }

    public static String sha256Base64(byte[] data, int len) {
        var sha = ChunkFiles.sha256();
        sha.update(data, 0, len);
        return Base64.getEncoder().encodeToString(sha.digest());
    }

    public static String hexToBase64(String hex) {
        return Base64.getEncoder().encodeToString(HexFormat.of().parseHex(hex));
    }
}
