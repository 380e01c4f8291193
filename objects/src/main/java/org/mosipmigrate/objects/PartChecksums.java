package org.mosipmigrate.objects;

import java.util.Base64;
import java.util.HexFormat;
import org.mosipmigrate.core.set.ChunkFiles;

/** The base64 digests S3 request headers carry: SHA-256 ({@code x-amz-checksum-sha256}) and MD5 ({@code Content-MD5}). */
public final class PartChecksums {
    private PartChecksums() {
    }

    public static String sha256Base64(byte[] data, int len) {
        var sha = ChunkFiles.sha256();
        sha.update(data, 0, len);
        return Base64.getEncoder().encodeToString(sha.digest());
    }

    /** The base64 MD5 of Content-MD5, which every S3 server checks against the body it received. */
    public static String md5Base64(byte[] data, int len) {
        try {
            var md5 = java.security.MessageDigest.getInstance("MD5");
            md5.update(data, 0, len);
            return Base64.getEncoder().encodeToString(md5.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String hexToBase64(String hex) {
        return Base64.getEncoder().encodeToString(HexFormat.of().parseHex(hex));
    }
}
