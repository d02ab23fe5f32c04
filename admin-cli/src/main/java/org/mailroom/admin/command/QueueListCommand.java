package org.mailroom.admin.command;

import java.util.List;
import org.mailroom.admin.Format;
import org.mailroom.admin.MailroomAdmin;
import org.mailroom.store.QueueStore.QueueEntry;
import picocli.CommandLine.Command;

/** {@code queue list}: one line per waiting recipient, oldest first; nothing when the queue is empty. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "Lists the mail waiting for delivery to other servers, one recipient per line.")
public final class QueueListCommand extends AdminCommand {

    public QueueListCommand(MailroomAdmin admin) {
        super(admin);
    }

    @Override
    protected void run() {
        List<QueueEntry> entries = admin.store().queue().list();
        if (entries.isEmpty()) {
            return;
        }
        int idWidth = Math.max(2, entries.stream().mapToInt(e -> Long.toString(e.id()).length()).max().orElse(0));
        String row = "%-" + idWidth + "s  %-10s  %-8s  %-23s  %s%n";
        out().printf(row, "ID", "SIZE", "ATTEMPTS", "NEXT ATTEMPT", "FROM -> TO");
        for (QueueEntry e : entries) {
            out().printf(row, e.id(), Format.bytes(e.size()), e.attempts(), QueueShowCommand.time(e.nextAttempt()),
                    QueueShowCommand.sender(e) + " -> " + e.recipient().recipient());
        }
    }
}
