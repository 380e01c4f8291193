package org.mosipmigrate.cli.commands;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import org.mosipmigrate.core.config.MigrationConfig;
import org.mosipmigrate.engine.Engine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** What every command that runs on a config shares: the common options, the command line it runs in, and the engine. */
abstract class ConfiguredCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @ParentCommand
    org.mosipmigrate.cli.Main main;

    MigrationConfig config() {
        return common.load(main.env());
    }

    Engine engine(MigrationConfig cfg) {
        return common.engine(cfg, main.env(), err());
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /** Prints each part's outcome as it finishes. */
    Consumer<Engine.PartOutcome> printer() {
        return o -> Output.print(out(), o, common.json);
    }
}
