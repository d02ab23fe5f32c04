package org.mailroom.session;

import java.util.Locale;

/**
 * Recognises a client that speaks another protocol to a mail port, such as a browser or a
 * cross-protocol attack sending an HTTP request line: such a session is closed at once (STYLE.md §13).
 */
public final class ForeignProtocol {

    private static final String[] HTTP_METHODS = {"GET ", "POST ", "HEAD ", "PUT ", "DELETE ", "OPTIONS ",
        "CONNECT ", "PATCH ", "TRACE "};

    private ForeignProtocol() {
    }

    /** True for a line such as {@code GET / HTTP/1.1}, or any header line ending an HTTP request. */
    public static boolean isHttp(String line) {
        String upper = line.toUpperCase(Locale.ROOT);
        for (String m : HTTP_METHODS) {
            if (upper.startsWith(m) && upper.contains(" HTTP/")) {
                return true;
            }
        }
        return upper.startsWith("HOST: ") || upper.startsWith("USER-AGENT: ");
    }
}
