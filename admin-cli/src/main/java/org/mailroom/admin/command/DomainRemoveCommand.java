package org.mailroom.admin.command;

import java.util.Map;
import java.util.Optional;
import org.mailroom.admin.AdminFailure;
import org.mailroom.admin.Arguments;
import org.mailroom.admin.Format;
import org.mailroom.admin.MailroomAdmin;
import org.mailroom.store.StoreError;
import org.mailroom.store.StoreException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code domain remove DOMAIN}: only an empty domain, so that no mailbox disappears by accident. */
@Command(name = "remove", mixinStandardHelpOptions = true,
        description = "Removes a domain that has no users and no aliases left.")
public final class DomainRemoveCommand extends AdminCommand {

    @Parameters(paramLabel = "DOMAIN", converter = Arguments.DomainName.class, description = "e.g. example.org")
    private String domain;

    public DomainRemoveCommand(MailroomAdmin admin) {
        super(admin);
    }

    @Override
    protected void run() {
        try {
            store().removeDomain(domain);
        } catch (StoreException e) {
            if (e.error() == StoreError.NOT_ALLOWED) {
                throw new AdminFailure(stillInUse());
            }
            throw failure(e, Map.of(StoreError.NOT_FOUND, "domain " + domain + " does not exist"));
        }
        out().println("removed domain " + domain);
    }

    private String stillInUse() {
        int users = store().accounts(Optional.of(domain)).size();
        int aliases = store().aliases(Optional.of(domain)).size();
        return "domain " + domain + " still has " + Format.plural(users, "user", "users") + " and "
                + Format.plural(aliases, "alias", "aliases") + "; remove them first";
    }
}
