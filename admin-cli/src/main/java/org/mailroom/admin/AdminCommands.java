package org.mailroom.admin;

import java.util.List;
import org.mailroom.admin.command.AliasAddCommand;
import org.mailroom.admin.command.AliasListCommand;
import org.mailroom.admin.command.AliasRemoveCommand;
import org.mailroom.admin.command.DomainAddCommand;
import org.mailroom.admin.command.DomainListCommand;
import org.mailroom.admin.command.DomainRemoveCommand;
import org.mailroom.admin.command.Groups;
import org.mailroom.admin.command.QueueDeleteCommand;
import org.mailroom.admin.command.QueueListCommand;
import org.mailroom.admin.command.QueueRetryCommand;
import org.mailroom.admin.command.QueueShowCommand;
import org.mailroom.admin.command.QuickstartCommand;
import org.mailroom.admin.command.QuotaSetCommand;
import org.mailroom.admin.command.RelayAllowCommand;
import org.mailroom.admin.command.RelayListCommand;
import org.mailroom.admin.command.RelayRemoveCommand;
import org.mailroom.admin.command.UserAddCommand;
import org.mailroom.admin.command.UserDisableCommand;
import org.mailroom.admin.command.UserEnableCommand;
import org.mailroom.admin.command.UserListCommand;
import org.mailroom.admin.command.UserPasswdCommand;
import org.mailroom.admin.command.UserRemoveCommand;
import org.mailroom.admin.command.UserShowCommand;
import org.mailroom.store.Cidr;
import org.mailroom.store.EmailAddress;
import picocli.CommandLine;

/**
 * The command tree, built in one place with plain constructors (STYLE.md §4: one explicit table, no
 * static registry), and the two error boundaries: a usage error exits 2, a failed command 1, each
 * with one line on stderr and no stack trace.
 */
public final class AdminCommands {

    /** Wide enough that option descriptions do not break inside a path. */
    private static final int USAGE_WIDTH = 100;

    private AdminCommands() {
    }

    public static CommandLine build(AdminEnvironment env) {
        MailroomAdmin admin = new MailroomAdmin(env);
        CommandLine root = new CommandLine(admin);
        root.addSubcommand(group(new Groups.Domain(), new DomainAddCommand(admin), new DomainRemoveCommand(admin),
                new DomainListCommand(admin)));
        root.addSubcommand(group(new Groups.User(), new UserAddCommand(admin), new UserRemoveCommand(admin),
                new UserListCommand(admin), new UserShowCommand(admin), new UserPasswdCommand(admin),
                new UserEnableCommand(admin), new UserDisableCommand(admin)));
        root.addSubcommand(group(new Groups.Alias(), new AliasAddCommand(admin), new AliasRemoveCommand(admin),
                new AliasListCommand(admin)));
        root.addSubcommand(group(new Groups.Relay(), new RelayAllowCommand(admin), new RelayRemoveCommand(admin),
                new RelayListCommand(admin)));
        root.addSubcommand(group(new Groups.Quota(), new QuotaSetCommand(admin)));
        root.addSubcommand(group(new Groups.Queue(), new QueueListCommand(admin), new QueueShowCommand(admin),
                new QueueRetryCommand(admin), new QueueDeleteCommand(admin)));
        root.addSubcommand(new QuickstartCommand(admin));
        root.addSubcommand(org.mailroom.admin.command.DkimCommands.group(admin));

        // Settings below apply to the whole tree as it is now, so they come after the last addSubcommand.
        root.registerConverter(EmailAddress.class, Arguments::address);
        root.registerConverter(Cidr.class, Arguments::network);
        giveEveryCommandTheVersion(root);
        root.setUsageHelpWidth(USAGE_WIDTH);
        root.setOut(env.out());
        root.setErr(env.err());
        root.setCaseInsensitiveEnumValuesAllowed(true);
        root.setExecutionStrategy(parsed -> {
            try {
                return new CommandLine.RunLast().execute(parsed);
            } finally {
                admin.close();
            }
        });
        root.setParameterExceptionHandler(AdminCommands::usageError);
        root.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("mailroom-admin: " + Errors.describe(e));
            cmd.getErr().flush();
            return CommandLine.ExitCode.SOFTWARE;
        });
        return root;
    }

    private static CommandLine group(Object group, Object... commands) {
        CommandLine line = new CommandLine(group);
        for (Object c : List.of(commands)) {
            line.addSubcommand(c);
        }
        return line;
    }

    /**
     * A word our converters refused says itself what it should have been ({@code 'bob' is not an email
     * address like alice@example.org}), without picocli's "Invalid value for positional parameter at
     * index 0 (ADDRESS)"; an option keeps its name in front.
     */
    private static String problem(CommandLine.ParameterException e) {
        if (e.getCause() instanceof CommandLine.TypeConversionException conversion) {
            if (e.getArgSpec() instanceof CommandLine.Model.OptionSpec option) {
                return option.longestName() + ": " + conversion.getMessage();
            }
            return conversion.getMessage();
        }
        return e.getMessage();
    }

    /** {@code --version} works on every command, as {@code --help} does. */
    private static void giveEveryCommandTheVersion(CommandLine line) {
        line.getCommandSpec().versionProvider(new Version());
        line.getSubcommands().values().forEach(AdminCommands::giveEveryCommandTheVersion);
    }

    /** One line: what was wrong and where to read how it is used. */
    private static int usageError(CommandLine.ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        cmd.getErr().println("mailroom-admin: " + Errors.oneLine(problem(e)) + " (see '"
                + cmd.getCommandSpec().qualifiedName() + " --help')");
        cmd.getErr().flush();
        return CommandLine.ExitCode.USAGE;
    }
}
