package org.mailroom.smtp.command;

import org.mailroom.smtp.protocol.SyntaxException;
import org.mailroom.text.ClientText;

/** The argument of HELO/EHLO: a domain or an address literal (RFC 5321 §4.1.1.1), kept sanitised for the trace field. */
final class ClientName {

    private ClientName() {
    }

    static String parse(String args, String verb) throws SyntaxException {
        String name = args.trim();
        if (name.isEmpty() || name.contains(" ")) {
            throw SyntaxException.of(501, "5.5.4", "Syntax: " + verb + " hostname");
        }
        // Parentheses and brackets would break the comment structure of the Received field (RFC 5322 §3.2.2).
        return ClientText.sanitize(name).replace('(', '?').replace(')', '?');
    }
}
