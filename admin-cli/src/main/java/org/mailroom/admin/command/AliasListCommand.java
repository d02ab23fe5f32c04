package org.mailroom.admin.command;

import java.util.Optional;
import org.mailroom.admin.Arguments;
import org.mailroom.admin.MailroomAdmin;
import org.mailroom.store.Alias;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code alias list [DOMAIN]}: {@code source -> target, target}, one alias per line. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "Lists the aliases, of one domain or of all, as 'SOURCE -> TARGET, TARGET'.")
public final class AliasListCommand extends AdminCommand {

    @Parameters(paramLabel = "DOMAIN", arity = "0..1", converter = Arguments.DomainName.class,
            description = "only the aliases of this domain")
    private String domain;

    public AliasListCommand(MailroomAdmin admin) {
        super(admin);
    }

    @Override
    protected void run() {
        if (domain != null) {
            requireDomain(domain);
        }
        for (Alias a : store().aliases(Optional.ofNullable(domain))) {
            out().println(AliasAddCommand.describe(a));
        }
    }
}
