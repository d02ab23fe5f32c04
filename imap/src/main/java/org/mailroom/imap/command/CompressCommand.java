package org.mailroom.imap.command;

import java.util.Set;
import org.mailroom.imap.protocol.CommandReader;
import org.mailroom.imap.protocol.SyntaxError;
import org.mailroom.imap.session.Completion;
import org.mailroom.imap.session.Dialect;
import org.mailroom.imap.session.ImapSession;
import org.mailroom.imap.session.SessionState;

/**
 * COMPRESS (RFC 4978 §3, §5): {@code compress = "COMPRESS" SP algorithm}, DEFLATE the only algorithm.
 * It belongs to command-auth (§5), so before login the dispatcher refuses it. A second COMPRESS gets
 * NO [COMPRESSIONACTIVE]; TLS never compresses here (only TLS 1.2/1.3 without compression are
 * enabled), so that is the only layer that can be active. Like STARTTLS, octets pipelined behind it
 * are a violation: the client must wait for the reply before it compresses (§3).
 */
final class CompressCommand implements ImapCommand<String> {

    @Override
    public String name() {
        return "COMPRESS";
    }

    @Override
    public Set<SessionState> states() {
        return SessionState.LOGGED_IN;
    }

    @Override
    public boolean endsPipeline() {
        return true;
    }

    @Override
    public String parse(CommandReader args, Dialect dialect) {
        String algorithm = args.keyword();
        if (!algorithm.equals("DEFLATE")) {
            throw new SyntaxError("unknown compression algorithm"); // §3: BAD for invalid arguments
        }
        return algorithm;
    }

    @Override
    public Completion execute(String algorithm, ImapSession session) {
        if (session.compressed()) {
            return Completion.no("[COMPRESSIONACTIVE] DEFLATE already active via COMPRESS");
        }
        session.compressAfterReply();
        return Completion.ok("DEFLATE active");
    }
}
