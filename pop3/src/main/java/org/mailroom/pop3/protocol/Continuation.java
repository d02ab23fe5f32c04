package org.mailroom.pop3.protocol;

import java.io.IOException;

/** Takes the client's next line instead of the dispatcher: a SASL response (RFC 5034 §4). */
@FunctionalInterface
public interface Continuation {

    void accept(Pop3Session session, String line) throws IOException;
}
