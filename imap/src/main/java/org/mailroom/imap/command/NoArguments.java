package org.mailroom.imap.command;

/** The request of a command that takes no arguments. */
enum NoArguments {
    INSTANCE
}
