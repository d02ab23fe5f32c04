package org.mailroom.imap.command;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.mailroom.imap.protocol.CommandReader;
import org.mailroom.imap.session.Completion;
import org.mailroom.imap.session.Dialect;
import org.mailroom.imap.session.ImapSession;
import org.mailroom.imap.session.SessionState;
import org.mailroom.store.MailboxName;
import org.mailroom.store.MessageContent;

/**
 * SETMETADATA (RFC 5464 §4.3, grammar §5):
 * <pre>
 * setmetadata = "SETMETADATA" SP mailbox SP "(" entry-value *(SP entry-value) ")"
 * entry-value = entry SP value
 * value = nstring / literal8
 * </pre>
 * All or nothing: a value longer than {@link MetadataEntries#MAX_VALUE} fails the whole command with
 * {@code [METADATA MAXSIZE n]}, more than {@link MetadataEntries#MAX_ENTRIES} entries on the server or
 * on the mailbox with {@code [METADATA TOOMANY]}. NIL removes an entry. Both /private and /shared are
 * kept, so {@code [METADATA NOPRIVATE]} never applies. With no shared mailboxes and no administrator
 * role in IMAP, /shared entries are the account's own too: nobody else can read them.
 */
final class SetMetadataCommand implements ImapCommand<SetMetadataCommand.Request> {

    /** Each entry's new value, empty to remove it; {@code tooLong} holds the octets of a value refused unread. */
    record Request(Optional<MailboxName> mailbox, Map<String, Optional<byte[]>> changes, boolean tooLong) {
    }

    @Override
    public String name() {
        return "SETMETADATA";
    }

    @Override
    public Set<SessionState> states() {
        return SessionState.LOGGED_IN;
    }

    @Override
    public Request parse(CommandReader args, Dialect dialect) {
        Optional<MailboxName> mailbox = MetadataEntries.mailbox(args, dialect);
        args.sp();
        Map<String, Optional<byte[]>> changes = new LinkedHashMap<>();
        boolean tooLong = false;
        args.expect('(');
        do {
            String entry = MetadataEntries.entry(args, false);
            args.sp();
            Optional<byte[]> value;
            if (args.atLiteral()) {
                MessageContent content = args.literal();
                tooLong |= content.size() > MetadataEntries.MAX_VALUE;
                value = Optional.of(tooLong ? new byte[0] : read(content));
            } else {
                String s = args.nstring();
                value = s == null ? Optional.empty() : Optional.of(s.getBytes(StandardCharsets.UTF_8));
                tooLong |= value.isPresent() && value.get().length > MetadataEntries.MAX_VALUE;
            }
            changes.put(entry, value);
        } while (args.trySp());
        args.expect(')');
        return new Request(mailbox, changes, tooLong);
    }

    private static byte[] read(MessageContent content) {
        try (InputStream in = content.open()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Completion execute(Request r, ImapSession session) {
        if (r.tooLong()) {
            return Completion.no("[METADATA MAXSIZE " + MetadataEntries.MAX_VALUE + "] Value too long");
        }
        if (!session.mailboxes().metadata().set(r.mailbox(), r.changes(), MetadataEntries.MAX_ENTRIES)) {
            return Completion.no("[METADATA TOOMANY] Too many entries");
        }
        return Completion.ok("SETMETADATA completed");
    }
}
