package org.mailroom.imap.command;

import org.mailroom.imap.protocol.ResponseWriter;
import org.mailroom.imap.session.Dialect;
import org.mailroom.store.MailboxName;

/** Mailbox names in replies, quoted, in the client's dialect. */
final class MailboxArgument {

    private MailboxArgument() {
    }

    static String quoted(Dialect dialect, MailboxName name) {
        return ResponseWriter.quote(dialect.wire(name));
    }
}
