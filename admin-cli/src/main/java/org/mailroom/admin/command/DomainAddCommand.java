package org.mailroom.admin.command;

import java.util.Map;
import org.mailroom.admin.Arguments;
import org.mailroom.admin.MailroomAdmin;
import org.mailroom.store.StoreError;
import org.mailroom.store.StoreException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code domain add DOMAIN}. */
@Command(name = "add", mixinStandardHelpOptions = true,
        description = "Adds a domain: the server then accepts mail for its users and aliases.")
public final class DomainAddCommand extends AdminCommand {

    @Parameters(paramLabel = "DOMAIN", converter = Arguments.DomainName.class, description = "e.g. example.org")
    private String domain;

    public DomainAddCommand(MailroomAdmin admin) {
        super(admin);
    }

    @Override
    protected void run() {
        try {
            store().addDomain(domain);
        } catch (StoreException e) {
            throw failure(e, Map.of(StoreError.ALREADY_EXISTS, "domain " + domain + " already exists"));
        }
        out().println("added domain " + domain);
    }
}
