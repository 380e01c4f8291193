package org.mosipmigrate.cli.commands;

import java.util.concurrent.Callable;
import org.mosipmigrate.core.config.ConfigKey;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "config-keys", mixinStandardHelpOptions = true, description = "Prints every configuration key as a markdown table.")
public final class ConfigDocCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getOut().print(ConfigKey.markdownTable());
        spec.commandLine().getOut().flush();
        return 0;
    }
}
