package org.mosipmigrate.objects;

import com.github.luben.zstd.ZstdOutputStream;
import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.mosipmigrate.core.crypto.BackupKey;
import org.mosipmigrate.core.json.Json;
import org.mosipmigrate.core.set.PrivateFiles;
import org.mosipmigrate.core.set.CountingOutputStream;

/**
 * Writes one object segment: a zstd-compressed tar whose entries are named by ordinal ({@code 00000000},
 * ...) so that no object key ever becomes a path, plus its index (JSON lines: entry, bucket, key, size,
 * ETag, SHA-256, content type, user metadata). Both are written as {@code .partial} and renamed when the
 * segment is finished; a killed run leaves only partials, which the next run discards.
 */
final class SegmentWriter {
    record Finished(int number, String file, String index, long objects, long rawBytes, long bytes, String sha256, String indexSha256) {
    }

    private final int number;
    private final Path dir;
    private final String name;
    private final String segName;
    private final String indexName;
    private final OutputStream fileOut;
    private final DigestOutputStream digestOut;
    private final CountingOutputStream counted;
    private final TarArchiveOutputStream tar;
    private final BufferedWriter index;
    private long objects;
    private long rawBytes;

    SegmentWriter(Path dir, int number, int level) throws IOException {
        this(dir, number, level, null);
    }

    /** With a key, the segment ({@code .tar.zst.enc}) and its index ({@code .index.jsonl.enc}) are encrypted; sizes and SHA-256 are of the stored bytes. */
    SegmentWriter(Path dir, int number, int level, BackupKey key) throws IOException {
        this(dir, number, level, key, "");
    }

    /** {@code nameSuffix} keeps the files of concurrent shards apart ({@code seg-000004-shard-1-of-3...}). */
    SegmentWriter(Path dir, int number, int level, BackupKey key, String nameSuffix) throws IOException {
        this.number = number;
        this.dir = dir;
        this.name = String.format("seg-%06d", number) + nameSuffix;
        String ext = key == null ? "" : SetFiles.ENC;
        this.segName = name + ".tar.zst" + ext;
        this.indexName = name + ".index.jsonl" + ext;
        PrivateFiles.createDirectories(dir);
        this.fileOut = PrivateFiles.newOutputStream(dir.resolve(segName + ".partial"));
        try {
            this.digestOut = new DigestOutputStream(fileOut, MessageDigest.getInstance("SHA-256"));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        this.counted = new CountingOutputStream(digestOut);
        OutputStream stored = key == null ? counted : SetFiles.encrypting(new BufferedOutputStream(counted, 1 << 16), key);
        ZstdOutputStream z = new ZstdOutputStream(new BufferedOutputStream(stored, 1 << 16), level);
        this.tar = new TarArchiveOutputStream(z, StandardCharsets.UTF_8.name());
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        OutputStream indexOut = new BufferedOutputStream(PrivateFiles.newOutputStream(dir.resolve(indexName + ".partial")), 1 << 16);
        this.index = new BufferedWriter(new OutputStreamWriter(SetFiles.encrypting(indexOut, key), StandardCharsets.UTF_8), 1 << 16);
    }

    long rawBytes() {
        return rawBytes;
    }

    /** Appends one object; returns its SHA-256. Throws when the stream is not exactly {@code head.size()} bytes. */
    String add(String bucket, String key, ObjectHead head, InputStream in) throws IOException {
        TarArchiveEntry e = new TarArchiveEntry(String.format("%08d", objects));
        e.setSize(head.size());
        e.setModTime(0);
        tar.putArchiveEntry(e);
        HashingInputStream h = new HashingInputStream(in);
        byte[] buf = new byte[1 << 16];
        long left = head.size();
        int n;
        while (left > 0 && (n = h.read(buf, 0, (int) Math.min(buf.length, left))) > 0) {
            tar.write(buf, 0, n);
            left -= n;
        }
        if (left != 0 || h.read() != -1) {
            throw new IOException(bucket + "/" + key + ": the object's size changed while it was read (expected " + head.size() + " bytes)");
        }
        tar.closeArchiveEntry();
        String sha = h.sha256();
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("entry", e.getName());
        line.put("b", bucket);
        line.put("k", key);
        line.put("size", head.size());
        line.put("etag", head.etag());
        line.put("sha256", sha);
        if (head.contentType() != null) {
            line.put("contentType", head.contentType());
        }
        line.put("meta", head.userMetadata());
        index.write(Json.LINE.writeValueAsString(line));
        index.write('\n');
        objects++;
        rawBytes += head.size();
        return sha;
    }

    long objects() {
        return objects;
    }

    Finished finish() throws IOException {
        tar.finish();
        tar.close();
        index.close();
        Path seg = dir.resolve(segName);
        Path idx = dir.resolve(indexName);
        force(dir.resolve(segName + ".partial"));
        force(dir.resolve(indexName + ".partial"));
        String indexSha;
        try (InputStream in = Files.newInputStream(dir.resolve(indexName + ".partial"))) {
            indexSha = HashingInputStream.sha256Of(in, null);
        }
        Files.move(dir.resolve(segName + ".partial"), seg, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        Files.move(dir.resolve(indexName + ".partial"), idx, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return new Finished(number, seg.getFileName().toString(), idx.getFileName().toString(), objects, rawBytes, counted.count(),
                HexFormat.of().formatHex(digestOut.getMessageDigest().digest()), indexSha);
    }

    void abandon() {
        try {
            tar.close();
        } catch (IOException | RuntimeException ignored) {
            // the partial files are deleted below
        }
        try {
            index.close();
        } catch (IOException ignored) {
            // deleted below
        }
        try {
            Files.deleteIfExists(dir.resolve(segName + ".partial"));
            Files.deleteIfExists(dir.resolve(indexName + ".partial"));
        } catch (IOException ignored) {
            // a later run deletes leftovers
        }
    }

    private static void force(Path p) throws IOException {
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
    }
}
