package org.mosipmigrate.core.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import org.mosipmigrate.core.set.PrivateFiles;

/** One configured Jackson mapper, and atomic (write temp, fsync, rename) JSON files. */
public final class Json {
    public static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    /** Compact single-line mapper for ledgers and JSON-lines output. */
    public static final ObjectMapper LINE = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    private Json() {
    }

    /** {@code value} as indented JSON, for a command's {@code --json} output. */
    public static String text(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /** A record's top-level fields as {@code key:  value} lines, for a person. */
    public static String keyValueLines(Object value) {
        StringBuilder sb = new StringBuilder();
        MAPPER.valueToTree(value).properties().forEach(e -> sb.append(String.format("%-16s %s%n", e.getKey() + ":",
                e.getValue().isTextual() ? e.getValue().asText() : e.getValue())));
        return sb.toString();
    }

    public static void writeAtomically(Path file, Object value) throws IOException {
        writeBytesAtomically(file, MAPPER.writeValueAsBytes(value));
    }

    public static void writeBytesAtomically(Path file, byte[] bytes) throws IOException {
        PrivateFiles.createDirectories(file.toAbsolutePath().getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (OutputStream out = PrivateFiles.newOutputStream(tmp)) {
            out.write(bytes);
        }
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        syncDirectory(file.toAbsolutePath().getParent());
    }

    /** Makes a rename in {@code dir} durable across power loss (Linux allows fsync of a directory). */
    public static void syncDirectory(Path dir) throws IOException {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            if (!System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("linux")) {
                return; // other systems may not allow opening a directory; the rename is still atomic
            }
            throw e;
        }
    }
}
