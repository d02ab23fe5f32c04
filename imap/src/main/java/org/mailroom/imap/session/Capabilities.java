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

    private Capabilities() {
    }

    public static String of(boolean loggedIn, boolean secure, boolean tlsAvailable, boolean allowPlaintext,
                            List<String> mechanisms, long appendLimit) {
        StringBuilder sb = new StringBuilder(COMMON);
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
