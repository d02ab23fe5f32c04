package org.mailroom.imap.session;

/** A command that reads further lines from the client (AUTHENTICATE responses, IDLE's DONE). */
public interface ContinuationHandler {

    /** One line of the client, without CRLF; returns the command's end or {@link Completion#CONTINUES}. */
    Completion line(String line);
}
