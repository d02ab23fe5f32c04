package org.mailroom.admin.command;

import java.util.Map;
import org.mailroom.admin.Arguments;
import org.mailroom.admin.MailroomAdmin;
import org.mailroom.store.StoreError;
import org.mailroom.store.StoreException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code alias remove SOURCE}. */
@Command(name = "remove", mixinStandardHelpOptions = true, description = "Removes an alias with all its targets.")
public final class AliasRemoveCommand extends AdminCommand {

    @Parameters(paramLabel = "SOURCE", converter = Arguments.AliasSource.class,
            description = "e.g. sales@example.org, or @example.org for the catch-all")
    private String source;

    public AliasRemoveCommand(MailroomAdmin admin) {
        super(admin);
    }

    @Override
    protected void run() {
        try {
            store().removeAlias(source);
        } catch (StoreException e) {
            throw failure(e, Map.of(StoreError.NOT_FOUND, "alias " + source + " does not exist"));
        }
        out().println("removed alias " + source);
    }
}
