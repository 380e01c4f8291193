package org.mosipmigrate.cli.commands;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "verify", mixinStandardHelpOptions = true, description = "Compares source, backup set and target (placeholder until the verify module lands).")
public final class VerifyCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Override
    public Integer call() {
        throw new UnsupportedOperationException("verify is being wired");
    }
}
