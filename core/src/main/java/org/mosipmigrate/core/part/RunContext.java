package org.mosipmigrate.core.part;

import java.util.Map;
import org.mosipmigrate.core.config.MigrationConfig;
import org.mosipmigrate.core.run.Progress;
import org.mosipmigrate.core.run.Shard;
import org.mosipmigrate.core.set.SetSpool;

/**
 * Everything a step may use: the configuration, the environment secrets are resolved against, the run's one
 * progress output, which shard of the work this process does, how the backup set's files are reached, and
 * the command's options.
 *
 * @param objectsShardBy {@code object} or {@code bucket}: how objects are split across shards
 * @param spool          how set files are reached (a set on S3 goes through a local spool); null without a backup set
 */
public record RunContext(MigrationConfig cfg, Map<String, String> env, Progress progress, Shard shard, String objectsShardBy,
                         SetSpool spool, RunOptions options) {
    public RunContext {
        env = Map.copyOf(env);
    }

    public boolean dryRun() {
        return options.dryRun();
    }
}
