package org.mailroom.admin.command;

import picocli.CommandLine.Command;

/** The command groups: each only names its subcommands, which do the work. */
public final class Groups {

    private Groups() {
    }

    @Command(name = "domain", mixinStandardHelpOptions = true, synopsisSubcommandLabel = "COMMAND",
            description = "Manages the domains whose mail this server receives.")
    public static final class Domain {
    }

    @Command(name = "user", mixinStandardHelpOptions = true, synopsisSubcommandLabel = "COMMAND",
            description = "Manages user accounts: the addresses that log in and have mailboxes.")
    public static final class User {
    }

    @Command(name = "alias", mixinStandardHelpOptions = true, synopsisSubcommandLabel = "COMMAND",
            description = "Manages aliases: addresses that forward to one or more other addresses.")
    public static final class Alias {
    }

    @Command(name = "relay", mixinStandardHelpOptions = true, synopsisSubcommandLabel = "COMMAND",
            description = "Manages the networks allowed to relay mail through this server without logging in.")
    public static final class Relay {
    }

    @Command(name = "quota", mixinStandardHelpOptions = true, synopsisSubcommandLabel = "COMMAND",
            description = "Sets how much mail an account may keep.")
    public static final class Quota {
    }

    @Command(name = "queue", mixinStandardHelpOptions = true, synopsisSubcommandLabel = "COMMAND",
            description = "Inspects and manages the outbound queue: mail waiting for delivery to other servers.")
    public static final class Queue {
    }
}
