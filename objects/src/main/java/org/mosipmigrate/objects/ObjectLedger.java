package org.mosipmigrate.objects;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.mosipmigrate.core.error.ErrorCode;
import org.mosipmigrate.core.error.MigrateException;
import org.mosipmigrate.core.json.Json;
import org.mosipmigrate.core.set.PrivateFiles;

/**
 * Append-only JSON-lines journal of finished object steps, read back as a stream (never whole into
 * memory). One line per object (copy, restore) or per segment (backup). Each line goes to the OS in one
 * write, so a kill -9 loses at most the line being written (a torn line is ignored on reading); the file is
 * forced to disk at most once a second and on close. Held under an exclusive OS lock while open.
 */
public final class ObjectLedger implements AutoCloseable {
    private final Path file;
    private final FileChannel channel;
    private long lastForce = System.nanoTime();

    private ObjectLedger(Path file, FileChannel channel) {
        this.file = file;
        this.channel = channel;
    }

    public static ObjectLedger open(Path file) {
        try {
            PrivateFiles.createDirectories(file.toAbsolutePath().getParent());
            PrivateFiles.createFileIfMissing(file);
            FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
            FileLock lock;
            try {
                lock = ch.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                ch.close();
                throw new MigrateException(ErrorCode.RUNTIME, "ledger " + file + " is in use by another mosip-migrate run",
                        "wait for that run to finish (or stop it) before starting this one");
            }
            long size = ch.size();
            if (size > 0) {
                int lastByte;
                try (var raf = new java.io.RandomAccessFile(file.toFile(), "r")) {
                    raf.seek(size - 1);
                    lastByte = raf.read();
                }
                if (lastByte != '\n') {
                    ch.write(ByteBuffer.wrap(new byte[] {'\n'}));
                }
            }
            return new ObjectLedger(file, ch);
        } catch (IOException e) {
            throw new MigrateException(ErrorCode.RUNTIME, "cannot open ledger " + file + ": " + e.getMessage(), "check permissions and free space", e);
        }
    }

    /** Every complete line of a ledger file (missing file = none), streamed. */
    public static void read(Path file, Consumer<JsonNode> each) {
        if (!Files.exists(file)) {
            return;
        }
        try {
            read(file, Files.newInputStream(file), each);
        } catch (IOException e) {
            throw new MigrateException(ErrorCode.RUNTIME, "cannot read ledger " + file + ": " + e.getMessage(), null, e);
        }
    }

    /** Every complete line of {@code in} (the content of {@code file}, e.g. decrypted), streamed; closes {@code in}. */
    static void read(Path file, java.io.InputStream in, Consumer<JsonNode> each) {
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, decoder), 1 << 16)) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode n;
                try {
                    n = Json.LINE.readTree(line);
                } catch (IOException torn) {
                    continue; // cut by a kill: that step is simply not recorded
                }
                if (n != null && n.isObject()) {
                    each.accept(n);
                }
            }
        } catch (IOException e) {
            throw new MigrateException(ErrorCode.RUNTIME, "cannot read ledger " + file + ": " + e.getMessage(), null, e);
        }
    }

    public Path file() {
        return file;
    }

    public void append(Map<String, Object> fields) {
        Map<String, Object> line = new LinkedHashMap<>(fields);
        byte[] bytes;
        try {
            bytes = (Json.LINE.writeValueAsString(line) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        synchronized (this) {
            try {
                ByteBuffer b = ByteBuffer.wrap(bytes);
                while (b.hasRemaining()) {
                    channel.write(b);
                }
                if (System.nanoTime() - lastForce > 1_000_000_000L) {
                    channel.force(false);
                    lastForce = System.nanoTime();
                }
            } catch (IOException e) {
                throw new MigrateException(ErrorCode.RUNTIME, "cannot append to ledger " + file + ": " + e.getMessage(),
                        "check free disk space; the run can be resumed once fixed", e);
            }
        }
    }

    @Override
    public synchronized void close() {
        try {
            channel.force(false);
            channel.close();
        } catch (IOException ignored) {
            // every line already reached the OS
        }
    }
}
