package org.mailroom.admin.command;

import java.util.Locale;
import java.util.Optional;
import org.mailroom.admin.Format;
import org.mailroom.admin.MailroomAdmin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code queue retry ID|all}: makes entries due now; the queue runner picks them up. */
@Command(name = "retry", mixinStandardHelpOptions = true,
        description = "Makes one queue entry, or all, due for delivery now instead of at its next scheduled attempt.")
public final class QueueRetryCommand extends AdminCommand {

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "ID|all", description = "an entry's id, as 'queue list' shows it, or all")
    private String which;

    public QueueRetryCommand(MailroomAdmin admin) {
        super(admin);
    }

    @Override
    protected void run() {
        Optional<Long> id = which.toLowerCase(Locale.ROOT).equals("all") ? Optional.empty() : Optional.of(parseId());
        int n = admin.store().queue().retryNow(id, admin.env().clock().instant());
        if (id.isPresent() && n == 0) {
            throw QueueShowCommand.noEntry(id.get());
        }
        out().println(Format.plural(n, "entry", "entries") + " due for delivery now");
    }

    private long parseId() {
        try {
            return Long.parseLong(which);
        } catch (NumberFormatException e) {
            throw new ParameterException(spec.commandLine(), "'" + which + "' is neither a queue entry id nor all");
        }
    }
}
