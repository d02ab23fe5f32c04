package org.mailroom.smtp.command;

import org.mailroom.smtp.protocol.SyntaxException;

/** The parsed request of a command that takes no argument. */
enum NoArguments {
    INSTANCE;

    static NoArguments parse(String args, String verb) throws SyntaxException {
        if (!args.isBlank()) {
            throw SyntaxException.of(501, "5.5.4", "Syntax: " + verb + " (no parameters)");
        }
        return INSTANCE;
    }
}
