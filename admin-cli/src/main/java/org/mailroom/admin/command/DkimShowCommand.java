package org.mailroom.admin.command;

import org.mailroom.admin.Arguments;
import org.mailroom.admin.MailroomAdmin;
import org.mailroom.store.DkimKey;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code dkim show DOMAIN SELECTOR}: the key's details and the TXT record to publish. */
@Command(name = "show", mixinStandardHelpOptions = true, description = "Shows a DKIM key and its TXT record.")
public final class DkimShowCommand extends AdminCommand {

    @Parameters(index = "0", paramLabel = "DOMAIN", converter = Arguments.DomainName.class, description = "the domain")
    private String domain;

    @Parameters(index = "1", paramLabel = "SELECTOR", description = "the key's selector")
    private String selector;

    public DkimShowCommand(MailroomAdmin admin) {
        super(admin);
    }

    @Override
    protected void run() {
        DkimKey k = admin.store().dkimKeys().find(domain, selector).orElseThrow(() -> DkimCommands.noKey(domain, selector));
        out().println("domain:     " + k.domain());
        out().println("selector:   " + k.selector());
        out().println("algorithm:  " + k.algorithm());
        out().println("created:    " + DkimCommands.TIME.format(k.created()));
        out().println("record:");
        DkimCommands.txtRecord(k).forEach(out()::println);
    }
}
