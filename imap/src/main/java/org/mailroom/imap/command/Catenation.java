package org.mailroom.imap.command;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import org.mailroom.imap.fetch.MessageUrl;
import org.mailroom.imap.fetch.UrlContent;
import org.mailroom.imap.session.CommandFailed;
import org.mailroom.imap.session.ImapSession;
import org.mailroom.spool.Spool;
import org.mailroom.spool.SpoolWriter;
import org.mailroom.text.ClientText;

/**
 * Assembles a CATENATE message (RFC 4469 §3) into a spool: TEXT parts as sent, URL parts as the
 * octets they name, unchanged. The result is bounded by APPENDLIMIT: past it the APPEND fails with
 * {@code [TOOBIG]} (§4.2, a server-specific limit) before anything more is read. The first URL that
 * cannot be used fails it with {@code [BADURL url]} (§4.1).
 */
final class Catenation {

    /** Octets of a catenated message kept in heap before it spills to the spool directory. */
    private static final int MEMORY = 64 * 1024;

    private Catenation() {
    }

    static Spool assemble(ImapSession session, List<AppendCommand.Part> parts) {
        long limit = session.config().appendLimit();
        try (SpoolWriter out = new SpoolWriter(session.config().spoolDir(), MEMORY, limit)) {
            for (AppendCommand.Part part : parts) {
                long room = limit - out.bytesWritten();
                if (part instanceof AppendCommand.Text t) {
                    if (t.content().size() > room) {
                        throw tooBig();
                    }
                    try (InputStream in = t.content().open()) {
                        in.transferTo(out);
                    }
                } else {
                    String url = ((AppendCommand.Url) part).url();
                    long copied;
                    try {
                        copied = UrlContent.copy(session.mailboxes(), MessageUrl.parse(url), out, room);
                    } catch (UrlContent.BadUrl | IllegalArgumentException e) {
                        throw badUrl(url);
                    }
                    if (copied < 0) {
                        throw tooBig();
                    }
                }
            }
            return out.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static CommandFailed tooBig() {
        return new CommandFailed("[TOOBIG] The catenated message is larger than the server accepts");
    }

    /** RFC 4469 §5: url-resp-text is TEXT-CHAR except "]". */
    private static CommandFailed badUrl(String url) {
        return new CommandFailed("[BADURL " + ClientText.sanitize(url).replace("]", "%5D") + "] Cannot use this URL");
    }
}
