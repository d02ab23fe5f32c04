package org.mailroom.pop3.command;

import java.util.List;
import org.mailroom.pop3.protocol.CommandTable;

/** The table of every command this server implements. APOP is left out on purpose: it needs reversible passwords. */
public final class Pop3Commands {

    private Pop3Commands() {
    }

    public static CommandTable table() {
        return new CommandTable(List.of(
                new UserCommand(), new PassCommand(), new AuthCommand(), new StlsCommand(), new CapaCommand(),
                new Utf8Command(), new QuitCommand(),
                new StatCommand(), new ListCommand(), new RetrCommand(), new DeleCommand(), new NoopCommand(),
                new RsetCommand(), new TopCommand(), new UidlCommand()));
    }
}
