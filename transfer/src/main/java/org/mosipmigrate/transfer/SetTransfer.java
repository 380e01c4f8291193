package org.mosipmigrate.transfer;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.mosipmigrate.core.crypto.BackupKey;
import org.mosipmigrate.core.error.ErrorCode;
import org.mosipmigrate.core.error.MigrateException;
import org.mosipmigrate.core.json.Json;
import org.mosipmigrate.core.ledger.Ledger;
import org.mosipmigrate.core.ledger.LedgerEntry;
import org.mosipmigrate.core.run.Progress;
import org.mosipmigrate.core.run.Workers;
import org.mosipmigrate.core.set.ChunkFiles;
import org.mosipmigrate.core.set.ManifestStore;
import org.mosipmigrate.core.set.store.BackupSetStore;
import org.mosipmigrate.core.set.store.LocalSetStore;
import org.mosipmigrate.core.set.store.StoredFile;

/**
 * Moves a whole backup set from one store to another (directory or S3, either way). plan() reads the
 * source's manifests (checking their seals with the key), matches every listed file against the source
 * listing, and skips what the transfer ledger records as already at the destination; execute() copies the
 * rest in parallel, each file's SHA-256 checked against its manifest as it is stored (a damaged file never
 * becomes visible there), and the manifests last, seals first. Files the manifests do not list (plan, meta,
 * bucket lists, the writers' ledgers) travel too, byte for byte; restore and copy ledgers do not.
 */
public final class SetTransfer {
    /** One file to move; {@code sha256} is null for files no manifest lists. */
    public record Item(String path, long bytes, String sha256, String owner) {
    }

    public record Plan(String from, String to, List<String> parts, List<Item> send, List<Item> already, List<Item> manifests,
                       int manifestsAlready, Map<String, Long> unfinished, String ledger) {
        public long sendBytes() {
            return send.stream().mapToLong(Item::bytes).sum();
        }

        public long alreadyBytes() {
            return already.stream().mapToLong(Item::bytes).sum();
        }

        public String render() {
            StringBuilder sb = new StringBuilder();
            sb.append("transfer from ").append(from).append('\n');
            sb.append("         to   ").append(to).append('\n');
            sb.append("parts:          ").append(String.join(", ", parts)).append(" (manifests and seals checked)\n");
            sb.append(String.format("to send:        %,d file(s), %,d bytes%n", send.size(), sendBytes()));
            sb.append(String.format("already there:  %,d file(s), %,d bytes (ledger %s)%n", already.size(), alreadyBytes(), ledger));
            sb.append(String.format("manifests:      %d to send, %d already there (sent last, seals first)%n", manifests.size(), manifestsAlready));
            unfinished.forEach((part, n) -> sb.append(String.format("not moved:      part %s has no manifest (its backup did not finish): %,d file(s)%n", part, n)));
            return sb.toString();
        }
    }

    public record Result(String from, String to, List<String> parts, long sent, long skipped, long bytesSent, long manifests, double seconds,
                         String ledger) {
    }

    private final BackupSetStore from;
    private final BackupSetStore to;
    private final Path stage;
    private final Path ledgerFile;
    private final BackupKey key;
    private final int parallelism;
    private final Progress progress;

    /** {@code stateDir}: where the transfer ledger and the staged copy of the source's manifests are kept. */
    public SetTransfer(BackupSetStore from, BackupSetStore to, Path stateDir, BackupKey key, int parallelism, Progress progress) {
        this.from = from;
        this.to = to;
        String id = java.util.HexFormat.of().formatHex(ChunkFiles.sha256()
                .digest((from.describe() + " -> " + to.describe()).getBytes(StandardCharsets.UTF_8))).substring(0, 16);
        this.stage = stateDir.resolve("transfer").resolve(id);
        this.ledgerFile = stateDir.resolve("ledger").resolve("transfer-" + id + ".jsonl");
        this.key = key;
        this.parallelism = parallelism;
        this.progress = progress;
    }

    private static String step(String path) {
        return "file/" + path;
    }

    public Plan plan() {
        Map<String, Long> source = new TreeMap<>();
        List<String> manifests = new ArrayList<>();
        try (Stream<StoredFile> files = from.list()) {
            files.forEach(f -> {
                SetLayout.Kind kind = SetLayout.kind(f.path());
                if (kind == SetLayout.Kind.MANIFEST) {
                    manifests.add(f.path());
                } else if (kind != SetLayout.Kind.WORK) {
                    source.put(f.path(), f.size());
                }
            });
        }
        if (manifests.stream().noneMatch(p -> !p.endsWith(".seal.json"))) {
            throw new MigrateException(ErrorCode.BACKUP_SET_INVALID, "backup set " + from.describe() + " holds no finished part (no manifest)",
                    "run the backup until it completes, then transfer it");
        }
        Map<String, Long> staged = stageManifests(manifests);
        SetContents contents = SetContents.read(stage, key, SetContents.Selection.ALL);
        checkListed(contents, source);
        checkDestinationIsThisSet();
        Map<String, Long> there = new HashMap<>();
        try (Stream<StoredFile> files = to.list()) {
            files.forEach(f -> there.put(f.path(), f.size()));
        }
        Map<String, LedgerEntry> ledger;
        try {
            ledger = Ledger.readLast(ledgerFile);
        } catch (IOException e) {
            throw new MigrateException(ErrorCode.RUNTIME, "cannot read the transfer ledger " + ledgerFile + ": " + e.getMessage(), null, e);
        }
        List<Item> send = new ArrayList<>();
        List<Item> already = new ArrayList<>();
        Map<String, Long> unfinished = new TreeMap<>();
        for (var e : source.entrySet()) {
            String part = SetLayout.part(e.getKey());
            if (!staged.containsKey(SetLayout.manifestOf(part))) {
                unfinished.merge(part, 1L, Long::sum);
                continue;
            }
            SetContents.Listed listed = contents.files().get(e.getKey());
            Item item = new Item(e.getKey(), e.getValue(), listed == null ? null : listed.ref().sha256(), listed == null ? part : listed.owner());
            (arrived(item, ledger, there) ? already : send).add(item);
        }
        List<Item> manifestItems = new ArrayList<>();
        int manifestsAlready = 0;
        for (String m : SetLayout.manifestOrder(manifests)) {
            Item item = new Item(m, staged.get(m), sha256Of(stage.resolve(m)), SetLayout.part(m));
            if (arrived(item, ledger, there)) {
                manifestsAlready++;
            } else {
                manifestItems.add(item);
            }
        }
        return new Plan(from.describe(), to.describe(), contents.parts(), send, already, manifestItems, manifestsAlready, unfinished, ledgerFile.toString());
    }

    /** The ledger says these bytes were stored there, and the destination still has a file of that size. */
    private static boolean arrived(Item item, Map<String, LedgerEntry> ledger, Map<String, Long> there) {
        LedgerEntry e = ledger.get(step(item.path()));
        if (e == null || e.state() != LedgerEntry.State.DONE || !Long.valueOf(item.bytes()).equals(there.get(item.path()))) {
            return false;
        }
        boolean sameSize = e.detail().get("bytes") instanceof Number n && n.longValue() == item.bytes();
        return sameSize && (item.sha256() == null || item.sha256().equals(e.detail().get("sha256")));
    }

    /** A fresh local copy of the source's manifests and seals, read (and seal-checked) from there. */
    private Map<String, Long> stageManifests(List<String> manifests) {
        Map<String, Long> sizes = new HashMap<>();
        try {
            if (Files.exists(stage)) {
                try (Stream<Path> old = Files.walk(stage)) {
                    for (Path p : old.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(p);
                    }
                }
            }
        } catch (IOException e) {
            throw new MigrateException(ErrorCode.RUNTIME, "cannot clear " + stage + ": " + e.getMessage(), null, e);
        }
        try (LocalSetStore local = new LocalSetStore(stage)) {
            for (String m : manifests) {
                long size = from.size(m);
                try (InputStream in = from.open(m)) {
                    local.write(m, in, size, null);
                } catch (IOException e) {
                    throw new MigrateException(ErrorCode.RUNTIME, "cannot read " + m + " of " + from.describe() + ": " + e.getMessage(), null, e);
                }
                sizes.put(m, size);
            }
        }
        return sizes;
    }

    /** Every listed file must be in the source with its recorded size: a set with a hole is refused before anything moves. */
    private void checkListed(SetContents contents, Map<String, Long> source) {
        List<String> problems = new ArrayList<>();
        for (SetContents.Listed l : contents.files().values()) {
            Long size = source.get(l.ref().file());
            if (size == null) {
                problems.add(l.owner() + ": file " + l.ref().file() + " is missing");
            } else if (l.ref().bytes() >= 0 && size != l.ref().bytes()) {
                problems.add(l.owner() + ": file " + l.ref().file() + " is " + size + " bytes, its manifest says " + l.ref().bytes());
            }
        }
        if (!problems.isEmpty()) {
            problems.sort(null);
            throw new MigrateException(ErrorCode.BACKUP_SET_CORRUPT, "source backup set " + from.describe() + ": " + problems.get(0)
                    + (problems.size() > 1 ? " (and " + (problems.size() - 1) + " more)" : ""),
                    "nothing was transferred; run `verify --set-only` on the source to list every damaged file, and transfer from a good copy");
        }
    }

    /** A destination holding another backup set (another run id) is refused: mixing two sets would corrupt both. */
    private void checkDestinationIsThisSet() {
        if (!Files.exists(stage.resolve(ManifestStore.FILE)) || !to.exists(ManifestStore.FILE)) {
            return;
        }
        String ours = runId(readAll(from, ManifestStore.FILE));
        String theirs = runId(readAll(to, ManifestStore.FILE));
        if (!ours.equals(theirs)) {
            throw new MigrateException(ErrorCode.TARGET_NOT_EMPTY, "destination " + to.describe() + " holds another backup set (run " + theirs
                    + "; the source is run " + ours + ")", "transfer into an empty directory or prefix, or delete the other set first");
        }
    }

    private static byte[] readAll(BackupSetStore store, String path) {
        try (InputStream in = store.open(path)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new MigrateException(ErrorCode.RUNTIME, "cannot read " + path + " of " + store.describe() + ": " + e.getMessage(), null, e);
        }
    }

    private static String runId(byte[] manifest) {
        try {
            JsonNode n = Json.MAPPER.readTree(manifest);
            return n.path("runId").asText("?");
        } catch (IOException e) {
            return "?";
        }
    }

    private static String sha256Of(Path f) {
        try {
            return ChunkFiles.sha256Of(f);
        } catch (IOException e) {
            throw new MigrateException(ErrorCode.RUNTIME, "cannot read " + f + ": " + e.getMessage(), null, e);
        }
    }

    public Result execute(Plan plan) {
        long t0 = System.nanoTime();
        AtomicLong sent = new AtomicLong();
        AtomicLong bytes = new AtomicLong();
        progress.info(String.format("transfer: %,d file(s) (%,d bytes) to send, %,d already there", plan.send().size(), plan.sendBytes(),
                plan.already().size()));
        try (Ledger ledger = Ledger.open(ledgerFile)) {
            List<Workers.Task> tasks = new ArrayList<>();
            for (Item item : plan.send()) {
                tasks.add(() -> {
                    try (InputStream in = from.open(item.path())) {
                        send(item, in, ledger);
                    }
                    long n = sent.incrementAndGet();
                    bytes.addAndGet(item.bytes());
                    if (n % 100 == 0) {
                        progress.info(String.format("transfer: %,d of %,d file(s) sent", n, plan.send().size()));
                    }
                });
            }
            Workers.runAll(parallelism, "transfer", tasks);
            // the set becomes complete at the destination only now
            for (Item m : plan.manifests()) {
                try (InputStream in = Files.newInputStream(stage.resolve(m.path()))) {
                    send(m, in, ledger);
                } catch (IOException e) {
                    throw new MigrateException(ErrorCode.RUNTIME, "cannot read the staged " + m.path() + ": " + e.getMessage(), "run the transfer again", e);
                }
            }
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        progress.info(String.format("transfer complete: %,d file(s) sent (%,d bytes), %,d already there, %d manifest(s), in %.1fs",
                sent.get(), bytes.get(), plan.already().size(), plan.manifests().size(), secs));
        return new Result(plan.from(), plan.to(), plan.parts(), sent.get(), plan.already().size(), bytes.get(), plan.manifests().size(), secs,
                ledgerFile.toString());
    }

    private void send(Item item, InputStream in, Ledger ledger) {
        String sha;
        try {
            sha = to.write(item.path(), in, item.bytes(), item.sha256());
        } catch (MigrateException e) {
            if (e.code() == ErrorCode.BACKUP_SET_CORRUPT) {
                throw new MigrateException(ErrorCode.BACKUP_SET_CORRUPT, "transfer: " + item.owner() + ": " + e.getMessage(),
                        "nothing of this file was stored at the destination, and no manifest was copied there, so it is not a complete set;"
                                + " transfer from a good copy of the backup set", e);
            }
            throw e;
        }
        ledger.done(step(item.path()), Map.of("bytes", item.bytes(), "sha256", sha));
    }
}
