package org.mailroom.admin.command;

import org.mailroom.admin.MailroomAdmin;
import org.mailroom.store.Cidr;
import picocli.CommandLine.Command;

/** {@code relay list}: one network per line. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "Lists the networks allowed to relay without logging in, one per line.")
public final class RelayListCommand extends AdminCommand {

    public RelayListCommand(MailroomAdmin admin) {
        super(admin);
    }

    @Override
    protected void run() {
        for (Cidr c : store().relayRules()) {
            out().println(c);
        }
    }
}
