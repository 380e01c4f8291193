package org.mosipmigrate.objects;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP headers carry ASCII only. Like Amazon S3, values with other characters travel RFC 2047 encoded
 * ({@code =?UTF-8?B?...?=}) and are decoded when read, so Unicode metadata round-trips exactly through
 * either client library.
 */
public final class MetadataCodec {
    private MetadataCodec() {
    }

    public static Map<String, String> encode(Map<String, String> meta) {
        Map<String, String> out = new LinkedHashMap<>();
        meta.forEach((k, v) -> out.put(k.toLowerCase(Locale.ROOT), encodeValue(v)));
        return out;
    }

    public static Map<String, String> decode(Map<String, String> meta) {
        Map<String, String> out = new LinkedHashMap<>();
        meta.forEach((k, v) -> out.put(k.toLowerCase(Locale.ROOT), decodeValue(v)));
        return out;
    }

    static boolean needsEncoding(String v) {
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                return true;
            }
        }
        return v.startsWith("=?") && v.endsWith("?=");
    }

    public static String encodeValue(String v) {
        if (v == null || !needsEncoding(v)) {
            return v;
        }
        return "=?UTF-8?B?" + Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8)) + "?=";
    }

    public static String decodeValue(String v) {
        if (v == null || !v.startsWith("=?") || !v.endsWith("?=")) {
            return v;
        }
        String[] parts = v.substring(2, v.length() - 2).split("\\?", 3);
        if (parts.length != 3) {
            return v;
        }
        try {
            var cs = java.nio.charset.Charset.forName(parts[0]);
            if (parts[1].equalsIgnoreCase("B")) {
                return new String(Base64.getDecoder().decode(parts[2]), cs);
            }
            if (parts[1].equalsIgnoreCase("Q")) {
                var bytes = new java.io.ByteArrayOutputStream();
                String q = parts[2];
                for (int i = 0; i < q.length(); i++) {
                    char c = q.charAt(i);
                    if (c == '_') {
                        bytes.write(' ');
                    } else if (c == '=' && i + 2 < q.length()) {
                        bytes.write(Integer.parseInt(q.substring(i + 1, i + 3), 16));
                        i += 2;
                    } else {
                        bytes.write(c);
                    }
                }
                return bytes.toString(cs);
            }
        } catch (RuntimeException e) {
            return v;
        }
        return v;
    }
}
