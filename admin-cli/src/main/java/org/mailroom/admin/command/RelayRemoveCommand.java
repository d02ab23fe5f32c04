package org.mailroom.admin.command;

import java.util.Map;
import org.mailroom.admin.MailroomAdmin;
import org.mailroom.store.Cidr;
import org.mailroom.store.StoreError;
import org.mailroom.store.StoreException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code relay remove CIDR}. */
@Command(name = "remove", mixinStandardHelpOptions = true, description = "Removes a relay rule.")
public final class RelayRemoveCommand extends AdminCommand {

    @Parameters(paramLabel = "CIDR", description = "the network as 'relay list' shows it")
    private Cidr network;

    public RelayRemoveCommand(MailroomAdmin admin) {
        super(admin);
    }

    @Override
    protected void run() {
        try {
            store().removeRelayRule(network);
        } catch (StoreException e) {
            throw failure(e, Map.of(StoreError.NOT_FOUND, "no relay rule for " + network));
        }
        out().println("removed relay rule " + network);
    }
}
