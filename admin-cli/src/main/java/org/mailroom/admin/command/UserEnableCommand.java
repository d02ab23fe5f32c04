package org.mailroom.admin.command;

import java.util.Map;
import org.mailroom.admin.MailroomAdmin;
import org.mailroom.store.EmailAddress;
import org.mailroom.store.StoreError;
import org.mailroom.store.StoreException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code user enable ADDRESS}. */
@Command(name = "enable", mixinStandardHelpOptions = true, description = "Lets a disabled user log in again.")
public final class UserEnableCommand extends AdminCommand {

    @Parameters(paramLabel = "ADDRESS", description = "the user's address")
    private EmailAddress address;

    public UserEnableCommand(MailroomAdmin admin) {
        super(admin);
    }

    @Override
    protected void run() {
        try {
            store().setEnabled(address, true);
        } catch (StoreException e) {
            throw failure(e, Map.of(StoreError.NOT_FOUND, noUser(address).getMessage()));
        }
        out().println("enabled user " + address);
    }
}
