package org.mailroom.admin.command;

import java.util.Optional;
import org.mailroom.admin.Arguments;
import org.mailroom.admin.MailroomAdmin;
import org.mailroom.store.Account;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code user list [DOMAIN]}: one address per line, sorted, disabled ones marked. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "Lists the users, of one domain or of all, one per line; disabled ones are marked.")
public final class UserListCommand extends AdminCommand {

    @Parameters(paramLabel = "DOMAIN", arity = "0..1", converter = Arguments.DomainName.class,
            description = "only the users of this domain")
    private String domain;

    public UserListCommand(MailroomAdmin admin) {
        super(admin);
    }

    @Override
    protected void run() {
        if (domain != null) {
            requireDomain(domain);
        }
        for (Account a : store().accounts(Optional.ofNullable(domain))) {
            out().println(a.enabled() ? a.address().toString() : a.address() + " (disabled)");
        }
    }
}
