package org.mailroom.imap.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.mailroom.imap.protocol.CommandReader;
import org.mailroom.imap.session.CommandFailed;
import org.mailroom.imap.session.Completion;
import org.mailroom.imap.session.Dialect;
import org.mailroom.imap.session.ImapSession;
import org.mailroom.imap.session.SessionState;

/**
 * CANCELUPDATE (RFC 5267 §4.3.5): {@code "CANCELUPDATE" 1*(SP quoted)}, each the tag of a searching
 * command whose updates are to stop. A tag naming no context is refused with NO, after the known
 * ones have been cancelled.
 */
final class CancelUpdateCommand implements ImapCommand<List<String>> {

    @Override
    public String name() {
        return "CANCELUPDATE";
    }

    @Override
    public Set<SessionState> states() {
        return Set.of(SessionState.SELECTED);
    }

    @Override
    public List<String> parse(CommandReader args, Dialect dialect) {
        List<String> tags = new ArrayList<>();
        tags.add(args.string());
        while (args.trySp()) {
            tags.add(args.string());
        }
        return tags;
    }

    @Override
    public Completion execute(List<String> tags, ImapSession session) {
        boolean allKnown = true;
        for (String tag : tags) {
            allKnown &= session.updateContexts().cancel(tag);
        }
        if (!allKnown) {
            throw new CommandFailed("No update context has that tag");
        }
        return Completion.ok("CANCELUPDATE completed");
    }
}
