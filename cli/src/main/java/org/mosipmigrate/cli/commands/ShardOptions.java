package org.mosipmigrate.cli.commands;

import java.time.Duration;
import org.mosipmigrate.core.run.Shard;
import org.mosipmigrate.core.run.ShardWait;
import picocli.CommandLine.Option;

/** {@code --shard I/N} and its companions, shared by backup, restore, copy and verify. */
public final class ShardOptions {
    @Option(names = "--shard", paramLabel = "I/N",
            description = "Do only part I of N (0 <= I < N) of the work, in a ledger of its own; N workers with 0/N .. N-1/N together do it all."
                    + " Then run merge-ledgers and the command without --shard (docs/architecture.md, Sharding).")
    String shard;

    @Option(names = "--shard-wait", paramLabel = "SECONDS", defaultValue = "1800",
            description = "How long a shard other than 0 waits for shard 0's once-per-run work (frozen plan, target database and pre-data). Default: ${DEFAULT-VALUE}.")
    long waitSeconds;

    @Option(names = "--shard-objects-by", paramLabel = "object|bucket", defaultValue = "object",
            description = "Objects: split by the hash of bucket and key (default; every shard lists every bucket) or of the bucket name"
                    + " (each shard lists only its buckets: for the bucket-per-RID layout). All shards must use the same.")
    String objectsBy;

    Shard shard() {
        Shard s = Shard.parse(shard);
        ShardWait.setTimeout(Duration.ofSeconds(waitSeconds));
        return s;
    }

    /** The engine's request for these shard options. */
    org.mosipmigrate.engine.Engine.Request request(java.util.Set<org.mosipmigrate.core.part.PartKind> parts, org.mosipmigrate.core.part.RunOptions options) {
        return new org.mosipmigrate.engine.Engine.Request(parts, shard(), objectsBy, options);
    }
}
