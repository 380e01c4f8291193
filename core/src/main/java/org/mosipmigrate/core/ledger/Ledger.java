package org.mosipmigrate.core.ledger;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mosipmigrate.core.error.ErrorCode;
import org.mosipmigrate.core.error.MigrateException;
import org.mosipmigrate.core.json.Json;
import org.mosipmigrate.core.set.PrivateFiles;

/**
 * Append-only, fsync'd JSON-lines record of step states for one kind of run. Re-reading it gives the
 * last state of each step; a torn last line (the process was killed while writing) is ignored.
 */
public final class Ledger implements AutoCloseable {
    private final Path file;
    private final FileChannel channel;
    private final OutputStream out;
    private final Map<String, LedgerEntry> last;

    private Ledger(Path file, Map<String, LedgerEntry> last) throws IOException {
        this.file = file;
        this.last = last;
        this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        this.out = Channels.newOutputStream(channel);
    }

    public static Ledger open(Path file) {
        try {
            PrivateFiles.createDirectories(file.toAbsolutePath().getParent());
            PrivateFiles.createFileIfMissing(file);
            Map<String, LedgerEntry> last = readLast(file);
            Ledger l = new Ledger(file, last);
            l.lockExclusively();
            l.terminateTornLine();
            return l;
        } catch (IOException e) {
            throw new MigrateException(ErrorCode.RUNTIME, "cannot open ledger " + file + ": " + e.getMessage(), "check permissions and free space", e);
        }
    }

    /** Last entry per step, from a ledger file (missing file = empty). */
    public static Map<String, LedgerEntry> readLast(Path file) throws IOException {
        Map<String, LedgerEntry> last = new LinkedHashMap<>();
        if (!Files.exists(file)) {
            return last;
        }
        // lenient decoding: a line cut inside a multi-byte character must not make the whole ledger unreadable
        List<String> lines = new String(Files.readAllBytes(file), StandardCharsets.UTF_8).lines().toList();
        for (String line : lines) {
            if (line.isBlank()) {
                continue;
            }
            try {
                LedgerEntry e = Json.LINE.readValue(line, LedgerEntry.class);
                last.put(e.step(), e);
            } catch (IOException torn) {
                // a line cut by a kill: the step it described is simply not recorded
            }
        }
        return last;
    }

    /**
     * Two processes appending to one ledger would interleave their claims; the OS lock dies with the
     * process, so a kill -9 never leaves the ledger locked.
     */
    private void lockExclusively() throws IOException {
        java.nio.channels.FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (java.nio.channels.OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            channel.close();
            throw new MigrateException(ErrorCode.RUNTIME, "ledger " + file + " is in use by another mosip-migrate run",
                    "wait for that run to finish (or stop it) before starting this one");
        }
    }

    /** A kill mid-append leaves a line without its newline; close it so the next entry starts clean. */
    private void terminateTornLine() throws IOException {
        long size = channel.size();
        if (size > 0) {
            int lastByte;
            try (var raf = new java.io.RandomAccessFile(file.toFile(), "r")) {
                raf.seek(size - 1);
                lastByte = raf.read();
            }
            if (lastByte != '\n') {
                out.write('\n');
                channel.force(false);
            }
        }
    }

    public Path file() {
        return file;
    }

    public synchronized boolean isDone(String step) {
        LedgerEntry e = last.get(step);
        return e != null && e.state() == LedgerEntry.State.DONE;
    }

    public synchronized LedgerEntry lastEntry(String step) {
        return last.get(step);
    }

    public synchronized Map<String, LedgerEntry> entries() {
        return Map.copyOf(last);
    }

    public void started(String step) {
        append(step, LedgerEntry.State.STARTED, Map.of());
    }

    public void done(String step, Map<String, Object> detail) {
        append(step, LedgerEntry.State.DONE, detail);
    }

    public void failed(String step, String reason) {
        append(step, LedgerEntry.State.FAILED, Map.of("reason", reason == null ? "" : reason));
    }

    public synchronized void append(String step, LedgerEntry.State state, Map<String, Object> detail) {
        LedgerEntry e = new LedgerEntry(Instant.now().toString(), step, state, detail);
        try {
            byte[] line = (Json.LINE.writeValueAsString(e) + "\n").getBytes(StandardCharsets.UTF_8);
            out.write(line);
            channel.force(false);
            last.put(step, e);
        } catch (IOException ex) {
            throw new MigrateException(ErrorCode.RUNTIME, "cannot append to ledger " + file + ": " + ex.getMessage(),
                    "check free disk space; the run can be resumed once fixed", ex);
        }
    }

    @Override
    public synchronized void close() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing left to flush: every append was forced
        }
    }
}
