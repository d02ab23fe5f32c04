package org.mailroom.imap.command;

import org.mailroom.imap.protocol.ResponseWriter;
import org.mailroom.imap.protocol.SyntaxError;
import org.mailroom.imap.search.SearchEvaluator;
import org.mailroom.imap.search.SearchKey;
import org.mailroom.imap.session.ImapSession;

/** Whether a searching command's RETURN (UPDATE) gets an updating context (RFC 5267 §4.3, §4.3.1). */
final class Updates {

    private Updates() {
    }

    /**
     * Refuses a tag already naming a context with BAD (RFC 5267 §4.3: "SHALL result in the server
     * rejecting the searching command with a BAD response"). Refuses updates, with an untagged
     * {@code NO [NOUPDATE "tag"]} while the command itself goes on (§4.3.1), for sequence numbers once
     * QRESYNC is enabled, for programs with OLDER or YOUNGER, and past
     * {@link org.mailroom.imap.search.UpdateContexts#MAX} contexts.
     */
    static boolean accept(ImapSession session, boolean byUid, SearchKey key) {
        String tag = session.currentTag();
        if (session.updateContexts().inUse(tag)) {
            throw new SyntaxError("Tag reuse");
        }
        if (!byUid && session.sync().qresync()) {
            // RFC 7162 §3.2.10: VANISHED replaces EXPUNGE, so no REMOVEFROM can go before a renumbering
            session.out().untagged("NO [NOUPDATE " + ResponseWriter.quote(tag) + "] With QRESYNC, updates are kept "
                    + "for UID SEARCH and UID SORT only");
            return false;
        }
        if (SearchEvaluator.dependsOnTime(key)) {
            // RFC 5032: OLDER and YOUNGER results change as time passes, which no store event announces
            session.out().untagged("NO [NOUPDATE " + ResponseWriter.quote(tag) + "] OLDER and YOUNGER results "
                    + "are not kept up to date");
            return false;
        }
        if (session.updateContexts().full()) {
            session.out().untagged("NO [NOUPDATE " + ResponseWriter.quote(tag) + "] Too many contexts");
            return false;
        }
        return true;
    }
}
