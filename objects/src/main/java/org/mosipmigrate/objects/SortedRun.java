package org.mosipmigrate.objects;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * A bucket's listing sorted on disk in S3's key order (the keys' UTF-8 bytes, unsigned) with bounded memory: entries
 * are collected in memory up to {@link #MAX_ENTRIES} or {@link #MAX_BYTES}, sorted and written as a run file; the runs
 * are merged (at most {@link #FAN_IN} at a time) into one, read back entry by entry with duplicate keys dropped.
 */
final class SortedRun implements AutoCloseable {
    static final int MAX_ENTRIES = 20_000;
    static final long MAX_BYTES = 4L << 20;
    static final int FAN_IN = 64;

    /** One listed object with its key as UTF-8 bytes, which is what it is sorted by. */
    record Entry(byte[] key, long size, String etag) {
        ObjectInfo info() {
            return new ObjectInfo(new String(key, StandardCharsets.UTF_8), size, etag);
        }
    }

    static final Comparator<byte[]> UTF8_ORDER = Arrays::compareUnsigned;

    private final Path dir;
    private final List<Entry> buffer = new ArrayList<>();
    private long bufferBytes;
    private final List<Path> runs = new ArrayList<>();
    private int fileNumber;

    /** A run in {@code dir} (created by the caller, removed with its files by the caller). */
    SortedRun(Path dir) {
        this.dir = dir;
    }

    void add(ObjectInfo o) {
        byte[] key = o.key().getBytes(StandardCharsets.UTF_8);
        buffer.add(new Entry(key, o.size(), o.etag() == null ? "" : o.etag()));
        bufferBytes += key.length + 64;
        if (buffer.size() >= MAX_ENTRIES || bufferBytes >= MAX_BYTES) {
            flush();
        }
    }

    private void flush() {
        if (buffer.isEmpty()) {
            return;
        }
        buffer.sort((a, b) -> UTF8_ORDER.compare(a.key(), b.key()));
        Path run = dir.resolve("run-" + (fileNumber++));
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(run), 1 << 16))) {
            for (Entry e : buffer) {
                write(out, e);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        runs.add(run);
        buffer.clear();
        bufferBytes = 0;
    }

    private static void write(DataOutputStream out, Entry e) throws IOException {
        out.writeInt(e.key().length);
        out.write(e.key());
        out.writeLong(e.size());
        out.writeUTF(e.etag());
    }

    private static Entry read(DataInputStream in) throws IOException {
        int n;
        try {
            n = in.readInt();
        } catch (EOFException end) {
            return null;
        }
        byte[] key = in.readNBytes(n);
        return new Entry(key, in.readLong(), in.readUTF());
    }

    /** Ends the collection: the entries in UTF-8 key order, each key once. The caller closes the reader. */
    Reader finish() {
        flush();
        try {
            while (runs.size() > 1) {
                List<Path> next = new ArrayList<>();
                for (int i = 0; i < runs.size(); i += FAN_IN) {
                    List<Path> group = runs.subList(i, Math.min(runs.size(), i + FAN_IN));
                    Path merged = dir.resolve("run-" + (fileNumber++));
                    try (Reader r = new Reader(group); DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(merged), 1 << 16))) {
                        for (Entry e; (e = r.next()) != null; ) {
                            write(out, e);
                        }
                    }
                    for (Path p : group) {
                        Files.deleteIfExists(p);
                    }
                    next.add(merged);
                }
                runs.clear();
                runs.addAll(next);
            }
            return new Reader(runs);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        buffer.clear();
    }

    /** The merge of sorted run files, each key once (the first of equal keys wins). */
    static final class Reader implements AutoCloseable {
        private record Head(Entry entry, DataInputStream in) {
        }

        private final List<DataInputStream> files = new ArrayList<>();
        private final PriorityQueue<Head> heads = new PriorityQueue<>((a, b) -> UTF8_ORDER.compare(a.entry().key(), b.entry().key()));
        private byte[] lastKey;

        Reader(List<Path> runs) throws IOException {
            for (Path p : runs) {
                DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(p), 1 << 16));
                files.add(in);
                Entry e = read(in);
                if (e != null) {
                    heads.add(new Head(e, in));
                }
            }
        }

        /** The next entry in key order, or null at the end. */
        Entry next() throws IOException {
            while (!heads.isEmpty()) {
                Head h = heads.poll();
                Entry after = read(h.in());
                if (after != null) {
                    heads.add(new Head(after, h.in()));
                }
                if (lastKey == null || UTF8_ORDER.compare(h.entry().key(), lastKey) != 0) {
                    lastKey = h.entry().key();
                    return h.entry();
                }
            }
            return null;
        }

        @Override
        public void close() throws IOException {
            for (DataInputStream in : files) {
                in.close();
            }
        }
    }
}
