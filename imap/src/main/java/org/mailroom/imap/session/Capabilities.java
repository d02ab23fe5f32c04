package org.mailroom.imap.session;

import java.util.List;

/**
 * The capability list (RFC 9051 §7.2.2). Only what is implemented in full is named: clients trust it.
 * Before login it depends on TLS: STARTTLS while plain, and no mechanism but LOGINDISABLED while a
 * password would travel in clear (RFC 9051 §6.2.3).
 */
public final class Capabilities {

    /**
     * Everything IMAP4rev2 folds in, advertised to IMAP4rev1 clients too (RFC 9051 Appendix E). LITERAL+
     * stands for LITERAL- as well: it allows more, and RFC 7888 §5 forbids advertising both.
     */
    static final String COMMON = "IMAP4rev1 IMAP4rev2 LITERAL+ ENABLE IDLE NAMESPACE UNSELECT UIDPLUS ESEARCH "
            + "SEARCHRES LIST-EXTENDED LIST-STATUS MOVE BINARY SPECIAL-USE STATUS=SIZE CHILDREN ID";

    /*
     * The extensions of issue 6, one group per line, each named only once complete (a group may be empty).
     * Kept on separate lines so that the groups can grow independently.
     */

    /** Resynchronisation (RFC 7162). */
    static final String SYNC = "CONDSTORE QRESYNC";

    /** Server-side ordering and searching (RFC 5256, 5267, 5957, 5032). */
    static final String ORDERING = "SORT SORT=DISPLAY THREAD=ORDEREDSUBJECT THREAD=REFERENCES ESORT CONTEXT=SEARCH "
            + "CONTEXT=SORT WITHIN";

    /** Appending and quotas (RFC 3502, 4469, 8508, 9208) and per-message attributes (RFC 8474, 8514, 8970). */
    static final String MESSAGES = "MULTIAPPEND CATENATE QUOTA QUOTA=RES-STORAGE QUOTA=RES-MESSAGE OBJECTID SAVEDATE "
            + "PREVIEW REPLACE";

    /** The connection and the account (RFC 4978, 6855, 5465, 5464, 8437). */
    static final String CONNECTION = "COMPRESS=DEFLATE UTF8=ACCEPT METADATA METADATA-SERVER NOTIFY";

    /** Every capability after login, in one string. */
    static final String ALL = join(COMMON, SYNC, ORDERING, MESSAGES, CONNECTION);

    private static String join(String... groups) {
        StringBuilder sb = new StringBuilder();
        for (String g : groups) {
            if (!g.isBlank()) {
                sb.append(sb.isEmpty() ? "" : " ").append(g.strip());
            }
        }
        return sb.toString();
    }

    private Capabilities() {
    }

    public static String of(boolean loggedIn, boolean secure, boolean tlsAvailable, boolean allowPlaintext,
                            List<String> mechanisms, long appendLimit) {
        return of(loggedIn, secure, tlsAvailable, allowPlaintext, mechanisms, appendLimit, false);
    }

    /**
     * With UNAUTHENTICATE when it is configured on, named after login only (RFC 8437 §3 allows that):
     * before login it has no use.
     */
    public static String of(boolean loggedIn, boolean secure, boolean tlsAvailable, boolean allowPlaintext,
                            List<String> mechanisms, long appendLimit, boolean unauthenticate) {
        StringBuilder sb = new StringBuilder(ALL);
        if (loggedIn && unauthenticate) {
            sb.append(" UNAUTHENTICATE");
        }
        if (!loggedIn) {
            if (!secure && tlsAvailable) {
                sb.append(" STARTTLS");
            }
            if (secure || allowPlaintext) {
                sb.append(" SASL-IR");
                for (String m : mechanisms) {
                    sb.append(" AUTH=").append(m);
                }
            } else {
                sb.append(" LOGINDISABLED");
            }
        }
        sb.append(" APPENDLIMIT=").append(appendLimit);
        return sb.toString();
    }
}
