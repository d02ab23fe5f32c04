package org.mailroom.admin.command;

import java.util.List;
import java.util.Map;
import org.mailroom.admin.MailroomAdmin;
import org.mailroom.store.EmailAddress;
import org.mailroom.store.StoreError;
import org.mailroom.store.StoreException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code user remove ADDRESS}: the account goes with all its mailboxes and messages. */
@Command(name = "remove", mixinStandardHelpOptions = true,
        description = "Removes a user with all its mailboxes and messages.")
public final class UserRemoveCommand extends AdminCommand {

    @Parameters(paramLabel = "ADDRESS", description = "the user's address")
    private EmailAddress address;

    public UserRemoveCommand(MailroomAdmin admin) {
        super(admin);
    }

    @Override
    protected void run() {
        try {
            store().removeAccount(address);
        } catch (StoreException e) {
            throw failure(e, Map.of(StoreError.NOT_FOUND, noUser(address).getMessage()));
        }
        out().println("removed user " + address + " and all its mail");
        List<String> forwarding = aliasesTo(address);
        if (!forwarding.isEmpty()) {
            out().println("aliases that still forward to it: " + String.join(", ", forwarding));
        }
    }
}
