package org.mosipmigrate.cli;

import java.io.PrintWriter;
import org.mosipmigrate.cli.commands.BackupCommand;
import org.mosipmigrate.cli.commands.ConfigDocCommand;
import org.mosipmigrate.cli.commands.CopyCommand;
import org.mosipmigrate.cli.commands.RestoreCommand;
import org.mosipmigrate.cli.commands.UpgradeCommand;
import org.mosipmigrate.cli.commands.VerifyCommand;
import org.mosipmigrate.core.error.MigrateException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point. Exit codes: 0 ok, 1 verification mismatch, 2 usage/config error, 3 runtime failure. */
@Command(name = "mosip-migrate", mixinStandardHelpOptions = true, version = org.mosipmigrate.core.run.ToolVersion.NAME_AND_VERSION,
        description = "Moves MOSIP V2 (1.1.5.5) data into a V3 (1.2.0.1) deployment and proves nothing was lost.",
        subcommands = {BackupCommand.class, RestoreCommand.class, CopyCommand.class, VerifyCommand.class, UpgradeCommand.class, org.mosipmigrate.cli.commands.SchemaCommand.class,
                org.mosipmigrate.cli.commands.CleanupCommand.class, org.mosipmigrate.cli.commands.MergeLedgersCommand.class, org.mosipmigrate.cli.commands.EvidenceCommand.class, org.mosipmigrate.cli.commands.PreflightCommand.class, org.mosipmigrate.cli.commands.RehearseCommand.class,
                org.mosipmigrate.cli.commands.SeedV2Command.class, ConfigDocCommand.class, org.mosipmigrate.cli.commands.TransferCommand.class,
                CommandLine.HelpCommand.class},
        footer = {"", "Exit codes: 0 success, 1 verification mismatch, 2 usage or configuration error, 3 runtime failure."})
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final java.util.Map<String, String> env;

    public Main(java.util.Map<String, String> env) {
        this.env = java.util.Map.copyOf(env);
    }

    /** Environment the commands resolve passwordEnv names against (tests pass their own). */
    public java.util.Map<String, String> env() {
        return env;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
    }

    public static CommandLine commandLine(java.util.Map<String, String> env) {
        CommandLine cl = new CommandLine(new Main(env));
        cl.setExecutionExceptionHandler(Main::handle);
        cl.setParameterExceptionHandler((ex, args) -> {
            PrintWriter err = ex.getCommandLine().getErr();
            err.println("error: " + ex.getMessage());
            ex.getCommandLine().usage(err);
            return 2;
        });
        return cl;
    }

    /** The one place where failures become messages and exit codes. */
    private static int handle(Exception ex, CommandLine cl, CommandLine.ParseResult parsed) {
        PrintWriter err = cl.getErr();
        if (ex instanceof MigrateException me) {
            err.println("error: " + me.getMessage());
            if (me.hint() != null) {
                err.println("  what to do: " + me.hint());
            }
            err.flush();
            return me.exitCode();
        }
        err.println("error: unexpected failure: " + ex);
        ex.printStackTrace(err);
        err.flush();
        return 3;
    }

    public static void main(String[] args) {
        org.mosipmigrate.cli.app.TerminalProgress.detectTerminal();
        CommandLine cl = commandLine(System.getenv());
        int exit = cl.execute(args);
        cl.getOut().flush();
        cl.getErr().flush();
        System.exit(exit);
    }
}
