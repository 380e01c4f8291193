package org.mosipmigrate.objects;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.mosipmigrate.core.error.ErrorCode;
import org.mosipmigrate.core.error.MigrateException;
import org.mosipmigrate.core.json.Json;
import org.mosipmigrate.core.ledger.ShardLedgers;

/**
 * The object side of sharding: a shard's own object ledger starts with a line naming its run and ends with a
 * finished line; merge-ledgers checks a complete set of them and appends their lines to the main ledger. The
 * run of object shards is the number of merges the main ledger records when they start, so the shards of one
 * run agree and a shard ledger left from before a merge is told apart.
 */
final class ObjectShardLedgers {
    static final String SHARD = "shard";
    static final String MERGED = "merged";

    private ObjectShardLedgers() {
    }

    /** One finished shard ledger, checked. */
    record Shard(Path file, ObjectShard part, JsonNode finished) {
    }

    /** Decides whether a line of a shard ledger belongs to that shard (throws naming it when not). */
    @FunctionalInterface
    interface LineCheck {
        void check(Shard shard, JsonNode line);
    }

    static String run(Path main) {
        return "merge-" + merges(main);
    }

    private static long merges(Path main) {
        AtomicLong merges = new AtomicLong();
        ObjectLedger.read(main, n -> {
            if (n.has(MERGED)) {
                merges.incrementAndGet();
            }
        });
        return merges.get();
    }

    /** The shards found, and whether the main ledger already holds their lines (a merge killed before it moved them away). */
    record Checked(List<Shard> shards, boolean alreadyMerged) {
    }

    /** Writes the start line, or checks the one a killed run of this shard wrote. */
    static void begin(Path own, ObjectLedger ledger, ObjectShard part, String run) {
        JsonNode[] start = {null};
        ObjectLedger.read(own, n -> {
            if ("start".equals(n.path(SHARD).asText())) {
                start[0] = n;
            }
        });
        if (start[0] != null && (!run.equals(start[0].path("run").asText()) || !part.mode().equals(start[0].path("by").asText()))) {
            throw new MigrateException(ErrorCode.RUNTIME, "shard ledger " + own + " belongs to run " + start[0].path("run").asText() + " sharded by "
                    + start[0].path("by").asText() + ", not to run " + run + " sharded by " + part.mode(),
                    "merge it first (merge-ledgers), or move it aside, or use the same --shard-objects-by as before");
        }
        if (start[0] == null) {
            ledger.append(header("start", part, run, Map.of()));
        }
    }

    static void finish(ObjectLedger ledger, ObjectShard part, String run, Map<String, Object> totals) {
        ledger.append(header("finished", part, run, totals));
    }

    private static Map<String, Object> header(String what, ObjectShard part, String run, Map<String, Object> extra) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put(SHARD, what);
        line.put("run", run);
        line.put("index", part.shard().index());
        line.put("count", part.shard().count());
        line.put("by", part.mode());
        line.putAll(extra);
        return line;
    }

    /** Every shard ledger of {@code main}, checked as one complete, finished set of the current run; empty when none waits. */
    static Checked check(Path main, String command) {
        List<ShardLedgers.Found> found = ShardLedgers.find(main);
        if (found.isEmpty()) {
            return new Checked(List.of(), false);
        }
        ShardLedgers.requireComplete(found, command);
        long merges = merges(main);
        String run = "merge-" + merges;
        String previous = "merge-" + (merges - 1);
        boolean allPrevious = true;
        List<Shard> out = new ArrayList<>();
        String by = null;
        for (ShardLedgers.Found f : found) {
            JsonNode[] start = {null};
            JsonNode[] end = {null};
            ObjectLedger.read(f.file(), n -> {
                String h = n.path(SHARD).asText();
                if (h.equals("start")) {
                    start[0] = n;
                } else if (h.equals("finished")) {
                    end[0] = n;
                }
            });
            boolean fromPrevious = start[0] != null && merges > 0 && previous.equals(start[0].path("run").asText());
            allPrevious &= fromPrevious;
            if (start[0] == null || !(run.equals(start[0].path("run").asText()) || fromPrevious)) {
                throw new MigrateException(ErrorCode.RUNTIME, "shard ledger " + f.file() + " belongs to run " + (start[0] == null ? "(none recorded)"
                        : start[0].path("run").asText()) + ", not to run " + run + " of " + main,
                        "move it aside; it is from another run (or another backup set)");
            }
            String mode = start[0].path("by").asText();
            if (by != null && !by.equals(mode)) {
                throw new MigrateException(ErrorCode.RUNTIME, "shard ledgers beside " + main + " split objects by " + by + " and by " + mode,
                        "run every shard with the same --shard-objects-by");
            }
            by = mode;
            if (end[0] == null) {
                throw new MigrateException(ErrorCode.RUNTIME, "shard " + f.shard().label() + " of " + command + " (objects) has not finished (" + f.file() + ")",
                        "wait for it, or run `" + command + " --shard " + f.shard().label() + "` again until it exits 0, then merge-ledgers again");
            }
            out.add(new Shard(f.file(), ObjectShard.of(f.shard(), mode), end[0]));
        }
        if (!allPrevious && out.stream().anyMatch(s -> s.finished().path("run").asText().equals(previous))) {
            throw new MigrateException(ErrorCode.RUNTIME, "the shard ledgers beside " + main + " mix runs " + previous + " and " + run,
                    "move the older ones aside");
        }
        return new Checked(out, allPrevious);
    }

    /**
     * Appends every line of the shard ledgers but their start/finished lines to the main ledger (an object done by
     * two shards, or a line {@code lineCheck} refuses, stops the merge before anything is written), then a merged
     * line; runs {@code beforeArchive} (e.g. writes a manifest from the merged ledger) and moves the shard ledgers and
     * {@code companions} into the archive.
     */
    static ShardLedgers.Merged merge(Path main, Checked checked, LineCheck lineCheck, List<Path> companions, Runnable beforeArchive) {
        List<Shard> shards = checked.shards();
        List<Path> moved = new ArrayList<>(shards.stream().map(Shard::file).toList());
        moved.addAll(companions);
        if (checked.alreadyMerged()) {
            beforeArchive.run();
            return new ShardLedgers.Merged(main.toString(), shards.size(), 0, ShardLedgers.archive(main, moved), true);
        }
        DoneIndex doneBy = new DoneIndex();
        AtomicLong lines = new AtomicLong();
        for (Shard s : shards) {
            ObjectLedger.read(s.file(), n -> {
                if (n.has(SHARD)) {
                    return;
                }
                lineCheck.check(s, n);
                if (n.has("k")) {
                    long h = DoneIndex.hash(n.path("b").asText(), n.path("k").asText());
                    long other = doneBy.tagOf(h, -1);
                    if (other >= 0 && other != s.part().shard().index()) {
                        throw new MigrateException(ErrorCode.RUNTIME, "object " + n.path("b").asText() + "/" + n.path("k").asText() + " was done by shard "
                                + other + "/" + s.part().shard().count() + " and by shard " + s.part().shard().label(),
                                "the shards did not split the same way; move the shard ledgers aside and run the shards again");
                    }
                    doneBy.put(h, 0, s.part().shard().index());
                }
                lines.incrementAndGet();
            });
        }
        String run = run(main);
        try (ObjectLedger target = ObjectLedger.open(main)) {
            for (Shard s : shards) {
                ObjectLedger.read(s.file(), n -> {
                    if (!n.has(SHARD)) {
                        target.append(Json.MAPPER.convertValue(n, Map.class));
                    }
                });
            }
            Map<String, Object> merged = new LinkedHashMap<>();
            merged.put("run", run);
            merged.put("shards", shards.size());
            merged.put("by", shards.get(0).part().mode());
            merged.put("lines", lines.get());
            target.append(Map.of(MERGED, merged));
        }
        beforeArchive.run();
        Path archive = ShardLedgers.archive(main, moved);
        return new ShardLedgers.Merged(main.toString(), shards.size(), lines.get(), archive, false);
    }
}
