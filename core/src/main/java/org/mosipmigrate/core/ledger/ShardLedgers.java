package org.mosipmigrate.core.ledger;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.mosipmigrate.core.error.ErrorCode;
import org.mosipmigrate.core.error.MigrateException;
import org.mosipmigrate.core.run.Shard;

/**
 * The per-shard ledgers of one ledger file ({@code ledger/backup.jsonl} -> {@code ledger/backup.shard-1-of-3.jsonl}),
 * what a sharded worker writes into its own (a start line naming the run, a finished line), and what
 * {@code merge-ledgers} checks before it appends them to the main ledger: every shard of one count present and
 * finished, all of the same run, every required step done exactly once and by the shard that owns it.
 * Merged shard ledgers are moved to {@code ledger/merged/}, so the unsharded command may then finish the run.
 */
public final class ShardLedgers {
    public static final String START = "shard/start";
    public static final String FINISHED = "shard/finished";
    public static final String MERGED = "shard/merged";
    public static final String ARCHIVE_DIR = "merged";
    private static final int LISTED = 10;

    private ShardLedgers() {
    }

    /** A shard ledger found beside its main ledger. */
    public record Found(Path file, Shard shard) {
    }

    /** The owner of a step among {@code count} shards (a work item: by hash; a once-per-run step: shard 0). */
    @FunctionalInterface
    public interface Ownership {
        int ownerOf(String step, int count);
    }

    /** What a merge did. {@code alreadyMerged}: no shard ledger was waiting and the main ledger records this run's merge. */
    public record Merged(String ledger, int shards, long entries, Path archive, boolean alreadyMerged) {
    }

    /** Every shard ledger of {@code main} that waits to be merged, by index. */
    public static List<Found> find(Path main) {
        Path dir = main.toAbsolutePath().getParent();
        String name = main.getFileName().toString();
        int dot = name.lastIndexOf('.');
        Pattern p = Pattern.compile(Pattern.quote(dot <= 0 ? name : name.substring(0, dot)) + "\\.shard-(\\d+)-of-(\\d+)"
                + Pattern.quote(dot <= 0 ? "" : name.substring(dot)));
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<Found> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                Matcher m = p.matcher(f.getFileName().toString());
                if (m.matches()) {
                    int index = Integer.parseInt(m.group(1));
                    int count = Integer.parseInt(m.group(2));
                    if (index < count) {
                        out.add(new Found(f, new Shard(index, count)));
                    }
                }
            }
        } catch (IOException e) {
            throw new MigrateException(ErrorCode.RUNTIME, "cannot list " + dir + ": " + e.getMessage(), null, e);
        }
        out.sort(Comparator.comparingInt((Found f) -> f.shard().count()).thenComparingInt(f -> f.shard().index()));
        return out;
    }

    /**
     * An unsharded run must not start while shard ledgers wait: it would run the final steps (post-data,
     * manifest) while shards may still be loading, and would not see their work.
     */
    public static void requireNoneWaiting(Path main, String command) {
        List<Found> waiting = find(main);
        if (!waiting.isEmpty()) {
            throw new MigrateException(ErrorCode.USAGE, command + ": " + waiting.size() + " shard ledger(s) such as " + waiting.get(0).file()
                    + " wait to be merged", "when every `" + command + " --shard I/N` worker has finished, run `mosip-migrate merge-ledgers`"
                    + " with the same config, then this command again");
        }
    }

    /** Checks that {@code found} is one complete set: one shard count, every index present. */
    public static List<Found> requireComplete(List<Found> found, String command) {
        TreeSet<Integer> counts = new TreeSet<>();
        found.forEach(f -> counts.add(f.shard().count()));
        if (counts.size() > 1) {
            throw new MigrateException(ErrorCode.RUNTIME, "shard ledgers of different shard counts " + counts + " lie side by side, e.g. "
                    + found.get(0).file() + " and " + found.get(found.size() - 1).file(),
                    "keep only the ledgers of the last sharded run (move the others out of " + found.get(0).file().getParent() + ")");
        }
        int n = counts.first();
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int index = i;
            if (found.stream().noneMatch(f -> f.shard().index() == index)) {
                missing.add(index + "/" + n);
            }
        }
        if (!missing.isEmpty()) {
            throw new MigrateException(ErrorCode.RUNTIME, "shard(s) " + String.join(", ", missing) + " of " + command + " left no ledger beside "
                    + found.get(0).file() + ": they never ran", "run `" + command + " --shard " + missing.get(0) + "` (and the other missing shards)"
                    + " with the same config, then merge-ledgers again");
        }
        return found;
    }

    /** Moves merged shard ledgers (and any companion files) into {@code ledger/merged/<time>-<name>/}. */
    public static Path archive(Path main, List<Path> files) {
        String stamp = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC).format(Instant.now());
        Path dir = main.toAbsolutePath().getParent().resolve(ARCHIVE_DIR).resolve(stamp + "-" + main.getFileName().toString().replace(".jsonl", ""));
        try {
            Files.createDirectories(dir);
            for (Path f : files) {
                Files.move(f, dir.resolve(f.getFileName()), StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (IOException e) {
            throw new MigrateException(ErrorCode.RUNTIME, "cannot move merged shard ledgers into " + dir + ": " + e.getMessage(),
                    "check permissions; merge-ledgers can be run again", e);
        }
        return dir;
    }

    /** First line of a shard's own ledger: which run it works for. Refuses a ledger that belongs to another run. */
    public static void begin(Ledger ledger, Shard shard, String run) {
        LedgerEntry start = ledger.lastEntry(START);
        if (start != null && !run.equals(start.detail().get("run"))) {
            throw new MigrateException(ErrorCode.RUNTIME, "shard ledger " + ledger.file() + " belongs to run " + start.detail().get("run")
                    + ", not to run " + run, "merge or move that ledger aside (it is from an earlier, unfinished sharded run), then start again");
        }
        if (start == null) {
            ledger.done(START, Map.of("run", run, "index", shard.index(), "count", shard.count()));
        }
    }

    /**
     * Records as done every owned item the shard's ledger does not list yet: items another run finished before
     * (a chunk whose marker a killed run committed, a database restored earlier), so that the merge sees each once.
     */
    public static void recordDone(Ledger ledger, Iterable<String> items, Map<String, Object> detail) {
        for (String item : items) {
            if (!ledger.isDone(item)) {
                ledger.done(item, detail);
            }
        }
    }

    /** Last line of a shard's own ledger: its part is done. */
    public static void finish(Ledger ledger, Shard shard, String run, long items) {
        ledger.done(FINISHED, Map.of("run", run, "index", shard.index(), "count", shard.count(), "items", items));
    }

    /**
     * Merges the shard ledgers of {@code main} for {@code run}. {@code required} lists every step that must be done
     * exactly once across the shards (in order); {@code owner} says which shard should have done it. Any other done
     * step, a step done by two shards or by the wrong one, a shard of another run or one that did not finish, and a
     * missing required step are refused, naming the step and the shard, and nothing is written.
     */
    public static Merged merge(Path main, String run, String command, List<String> required, Ownership owner) {
        List<Found> found = find(main);
        if (found.isEmpty()) {
            if (mergedRun(main, run)) {
                return new Merged(main.toString(), 0, 0, null, true);
            }
            throw new MigrateException(ErrorCode.RUNTIME, "no shard ledger of " + command + " beside " + main + " and no merge of run " + run + " recorded in it",
                    "run `" + command + " --shard I/N` for every I first (or run " + command + " without --shard)");
        }
        requireComplete(found, command);
        int n = found.get(0).shard().count();
        // every done step of every shard first, so that a step done twice is reported as such whichever shard comes first
        Map<String, List<Found>> doneBy = new LinkedHashMap<>();
        Map<String, LedgerEntry> merged = new HashMap<>();
        for (Found f : found) {
            Map<String, LedgerEntry> last;
            try {
                last = Ledger.readLast(f.file());
            } catch (IOException e) {
                throw new MigrateException(ErrorCode.RUNTIME, "cannot read shard ledger " + f.file() + ": " + e.getMessage(), null, e);
            }
            checkHeader(f, last, run, command);
            for (LedgerEntry e : last.values()) {
                if (e.state() == LedgerEntry.State.DONE && !e.step().startsWith("shard/")) {
                    List<Found> by = doneBy.computeIfAbsent(e.step(), k -> new ArrayList<>());
                    by.add(f);
                    if (by.size() > 1) {
                        LedgerEntry first = merged.get(e.step());
                        boolean same = Objects.equals(first.detail(), e.detail());
                        throw new MigrateException(ErrorCode.RUNTIME, "step " + e.step() + " was done by shard " + by.get(0).shard().label() + " and by shard "
                                + f.shard().label() + (same ? "" : " with different results (" + first.detail() + " vs " + e.detail() + ")"),
                                "the shards did not split the same plan; start the sharded run again from a new state");
                    }
                    merged.put(e.step(), e);
                }
            }
        }
        java.util.Set<String> wanted = new java.util.HashSet<>(required);
        for (Map.Entry<String, List<Found>> d : doneBy.entrySet()) {
            Found f = d.getValue().get(0);
            if (!wanted.contains(d.getKey())) {
                throw new MigrateException(ErrorCode.RUNTIME, "shard ledger " + f.file() + " records step " + d.getKey() + ", which is not part of run "
                        + run, "this ledger is from another plan: move it aside and run `" + command + " --shard " + f.shard().label() + "` again");
            }
            int should = owner.ownerOf(d.getKey(), n);
            if (should != f.shard().index()) {
                throw new MigrateException(ErrorCode.RUNTIME, "step " + d.getKey() + " was done by shard " + f.shard().label() + " but belongs to shard "
                        + should + "/" + n, "the shards did not split the same plan; start the sharded run again from a new state");
            }
        }
        List<String> missing = required.stream().filter(s -> !merged.containsKey(s)).toList();
        if (!missing.isEmpty()) {
            String listed = String.join(", ", missing.stream().limit(LISTED).map(s -> s + " (shard " + owner.ownerOf(s, n) + "/" + n + ")").toList());
            throw new MigrateException(ErrorCode.RUNTIME, missing.size() + " step(s) of run " + run + " are done by no shard: " + listed
                    + (missing.size() > LISTED ? ", ..." : ""), "run `" + command + " --shard I/N` again for the shards named, then merge-ledgers again");
        }
        try (Ledger target = Ledger.open(main)) {
            for (String step : required) {
                LedgerEntry e = merged.get(step);
                target.done(step, e.detail());
            }
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("run", run);
            detail.put("shards", n);
            detail.put("entries", required.size());
            target.done(MERGED, detail);
        }
        Path archive = archive(main, found.stream().map(Found::file).toList());
        return new Merged(main.toString(), n, required.size(), archive, false);
    }

    private static void checkHeader(Found f, Map<String, LedgerEntry> last, String run, String command) {
        LedgerEntry start = last.get(START);
        if (start == null || !run.equals(start.detail().get("run"))) {
            throw new MigrateException(ErrorCode.RUNTIME, "shard ledger " + f.file() + " belongs to run " + (start == null ? "(none recorded)"
                    : start.detail().get("run")) + ", not to run " + run + " that is being merged",
                    "move it aside; if shard " + f.shard().label() + " of run " + run + " never ran, run `" + command + " --shard " + f.shard().label() + "`");
        }
        LedgerEntry end = last.get(FINISHED);
        if (end == null || end.state() != LedgerEntry.State.DONE) {
            throw new MigrateException(ErrorCode.RUNTIME, "shard " + f.shard().label() + " of " + command + " has not finished (" + f.file() + ")",
                    "wait for it, or run `" + command + " --shard " + f.shard().label() + "` again until it exits 0, then merge-ledgers again");
        }
    }

    /** True when the main ledger records a merge of {@code run}. */
    public static boolean mergedRun(Path main, String run) {
        try {
            LedgerEntry m = Ledger.readLast(main).get(MERGED);
            return m != null && run.equals(m.detail().get("run"));
        } catch (IOException e) {
            return false;
        }
    }
}
