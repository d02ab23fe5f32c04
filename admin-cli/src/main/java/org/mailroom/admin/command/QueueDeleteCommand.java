package org.mailroom.admin.command;

import java.util.Map;
import org.mailroom.admin.Arguments;
import org.mailroom.admin.MailroomAdmin;
import org.mailroom.store.QueueStore.QueueEntry;
import org.mailroom.store.StoreError;
import org.mailroom.store.StoreException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code queue delete ID}: drops the entry without a bounce, as Postfix's {@code postsuper -d} does. */
@Command(name = "delete", mixinStandardHelpOptions = true,
        description = "Deletes a queue entry: that recipient will not get the message, and the sender is not told.")
public final class QueueDeleteCommand extends AdminCommand {

    @Parameters(paramLabel = "ID", converter = Arguments.QueueId.class, description = "the entry's id, as 'queue list' shows it")
    private long id;

    public QueueDeleteCommand(MailroomAdmin admin) {
        super(admin);
    }

    @Override
    protected void run() {
        QueueEntry e = admin.store().queue().find(id).orElseThrow(() -> QueueShowCommand.noEntry(id));
        try {
            admin.store().queue().remove(id);
        } catch (StoreException x) {
            throw failure(x, Map.of(StoreError.NOT_FOUND, QueueShowCommand.noEntry(id).getMessage()));
        }
        out().println("deleted queue entry " + id + " (" + QueueShowCommand.sender(e) + " -> "
                + e.recipient().recipient() + ")");
    }
}
