package org.mailroom.admin.command;

import java.util.Map;
import org.mailroom.admin.AdminFailure;
import org.mailroom.admin.MailroomAdmin;
import org.mailroom.store.Cidr;
import org.mailroom.store.StoreError;
import org.mailroom.store.StoreException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code relay allow CIDR}: clients in the network may send to any domain without logging in. */
@Command(name = "allow", mixinStandardHelpOptions = true,
        description = {"Lets clients in a network relay mail to any domain without logging in (e.g. an office "
                + "network or a printer's subnet).",
                "Users elsewhere should log in on the submission port instead."})
public final class RelayAllowCommand extends AdminCommand {

    @Parameters(paramLabel = "CIDR", description = "e.g. 192.0.2.0/24, 2001:db8::/32 or a single address")
    private Cidr network;

    public RelayAllowCommand(MailroomAdmin admin) {
        super(admin);
    }

    @Override
    protected void run() {
        if (network.prefixLength() == 0) {
            // every address: an open relay, which spammers find within hours and blocklists soon after
            throw new AdminFailure(network + " is every address: that would make an open relay");
        }
        try {
            store().addRelayRule(network);
        } catch (StoreException e) {
            throw failure(e, Map.of(StoreError.ALREADY_EXISTS, "relaying from " + network + " is already allowed"));
        }
        out().println("allowed relaying from " + network);
    }
}
