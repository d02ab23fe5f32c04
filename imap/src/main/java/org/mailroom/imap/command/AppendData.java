package org.mailroom.imap.command;

import org.mailroom.imap.protocol.CommandReader;
import org.mailroom.imap.protocol.Frame;
import org.mailroom.imap.protocol.SyntaxError;
import org.mailroom.store.MessageContent;

/**
 * The message of an APPEND: a literal (RFC 9051 §6.3.12, literal8 RFC 3516), or the UTF8 data
 * extension of RFC 6855 §4, {@code append-data =/ "UTF8" SP "(" literal8 ")"}, by which a client
 * with UTF8=ACCEPT hands in a message with UTF-8 headers. Both are stored as they came.
 */
final class AppendData {

    private AppendData() {
    }

    static MessageContent message(CommandReader args) {
        if (args.startsWithIgnoreCase("UTF8 (")) {
            args.keyword();
            args.sp();
            args.expect('(');
            if (!args.atLiteral()) {
                throw new SyntaxError("expected a literal8 after UTF8 (");
            }
            Frame.Literal literal = args.literalPart();
            if (!literal.binary()) {
                throw new SyntaxError("UTF8 data must be a literal8 (~{n})"); // RFC 6855 §4
            }
            args.expect(')');
            return literal.content();
        }
        if (!args.atLiteral()) {
            throw new SyntaxError("expected the message as a literal");
        }
        return args.literal();
    }
}
