package org.mailroom.pop3.protocol;

import java.util.Set;

/**
 * One POP3 command: its parser and its execution (STYLE.md §4-6). {@link #parse} turns the arguments
 * into an immutable request and touches nothing; the dispatcher in {@link Pop3Session} has already
 * checked the state and the TLS requirement declared here before {@link #execute} runs.
 *
 * @param <R> the parsed request
 */
public interface Command<R> {

    /** The keyword, upper case. */
    String name();

    /** The states the command is valid in. */
    Set<Pop3State> states();

    /** A command that carries a password (or starts a login) is refused before TLS unless allowed. */
    default boolean carriesCredentials() {
        return false;
    }

    /**
     * @param arguments everything after the keyword and one space, exactly as sent (may be empty)
     * @throws SyntaxException if the arguments are malformed
     */
    R parse(String arguments) throws SyntaxException;

    void execute(Pop3Session session, R request) throws java.io.IOException;
}
