package org.mailroom.admin.command;

import org.mailroom.admin.Arguments;
import org.mailroom.admin.MailroomAdmin;
import org.mailroom.store.StoreError;
import org.mailroom.store.StoreException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code dkim remove DOMAIN SELECTOR}: the key no longer signs. Its DNS record can go once mail signed
 * with it is no longer in transit (a few days).
 */
@Command(name = "remove", mixinStandardHelpOptions = true, description = "Removes a DKIM key.")
public final class DkimRemoveCommand extends AdminCommand {

    @Parameters(index = "0", paramLabel = "DOMAIN", converter = Arguments.DomainName.class, description = "the domain")
    private String domain;

    @Parameters(index = "1", paramLabel = "SELECTOR", description = "the key's selector")
    private String selector;

    public DkimRemoveCommand(MailroomAdmin admin) {
        super(admin);
    }

    @Override
    protected void run() {
        try {
            admin.store().dkimKeys().remove(domain, selector);
        } catch (StoreException e) {
            if (e.error() == StoreError.NOT_FOUND) {
                throw DkimCommands.noKey(domain, selector);
            }
            throw e;
        }
        out().println("removed DKIM key " + selector + " of " + domain + " (its DNS record can be removed in a few days)");
    }
}
