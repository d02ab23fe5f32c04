package org.mailroom.admin.command;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.mailroom.admin.AdminFailure;
import org.mailroom.admin.Arguments;
import org.mailroom.admin.MailroomAdmin;
import org.mailroom.store.Alias;
import org.mailroom.store.EmailAddress;
import org.mailroom.store.StoreError;
import org.mailroom.store.StoreException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code alias add SOURCE TARGET...}; a source {@code @domain} is the domain's catch-all. */
@Command(name = "add", mixinStandardHelpOptions = true,
        description = {"Adds an alias: mail to SOURCE goes to every TARGET, local or remote.",
                "SOURCE @example.org is the domain's catch-all: it takes mail for every address of the domain "
                + "that is neither a user nor another alias."})
public final class AliasAddCommand extends AdminCommand {

    @Parameters(index = "0", paramLabel = "SOURCE", converter = Arguments.AliasSource.class,
            description = "e.g. sales@example.org, or @example.org for the catch-all")
    private String source;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "TARGET", description = "where the mail goes")
    private List<EmailAddress> targets;

    public AliasAddCommand(MailroomAdmin admin) {
        super(admin);
    }

    @Override
    protected void run() {
        Alias alias = new Alias(source, targets);
        if (targets.stream().anyMatch(t -> t.key().equals(alias.source()))) {
            throw new AdminFailure("alias " + source + " cannot forward to itself");
        }
        requireDomain(alias.domain());
        try {
            store().addAlias(alias);
        } catch (StoreException e) {
            throw failure(e, Map.of(
                    StoreError.NOT_FOUND, noDomain(alias.domain()).getMessage(),
                    StoreError.ALREADY_EXISTS, source + " already exists as a user or an alias"));
        }
        out().println("added alias " + describe(alias));
    }

    static String describe(Alias alias) {
        return alias.source() + " -> " + alias.targets().stream().map(EmailAddress::toString)
                .collect(Collectors.joining(", "));
    }
}
