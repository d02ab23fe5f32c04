package org.mailroom.admin.command;

import java.util.Map;
import org.mailroom.admin.MailroomAdmin;
import org.mailroom.store.EmailAddress;
import org.mailroom.store.StoreError;
import org.mailroom.store.StoreException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code user disable ADDRESS}. */
@Command(name = "disable", mixinStandardHelpOptions = true, description = "Stops a user from logging in; mail for it is still delivered and kept.")
public final class UserDisableCommand extends AdminCommand {

    @Parameters(paramLabel = "ADDRESS", description = "the user's address")
    private EmailAddress address;

    public UserDisableCommand(MailroomAdmin admin) {
        super(admin);
    }

    @Override
    protected void run() {
        try {
            store().setEnabled(address, false);
        } catch (StoreException e) {
            throw failure(e, Map.of(StoreError.NOT_FOUND, noUser(address).getMessage()));
        }
        out().println("disabled user " + address);
    }
}
