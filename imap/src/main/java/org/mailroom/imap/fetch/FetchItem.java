package org.mailroom.imap.fetch;

/** One fetch-att (RFC 9051 §6.4.5). */
public sealed interface FetchItem {

    enum Simple implements FetchItem { FLAGS, INTERNALDATE, RFC822_SIZE, ENVELOPE, BODY, BODYSTRUCTURE, UID, MODSEQ }

    /**
     * BODY[section]<partial>, BODY.PEEK, RFC822, RFC822.HEADER, RFC822.TEXT, BINARY[part], BINARY.PEEK.
     *
     * @param label the name it is answered under ({@code BODY}, {@code BINARY}, {@code RFC822.TEXT}, ...)
     * @param offset the partial origin, -1 for none
     * @param length the partial length
     */
    record Body(String label, Section section, boolean peek, boolean binary, long offset, long length)
            implements FetchItem {

        /** Whether the response echoes the section in brackets (RFC822.* forms do not). */
        boolean bracketed() {
            return label.equals("BODY") || label.equals("BINARY");
        }
    }

    record BinarySize(Section section) implements FetchItem {
    }

    /**
     * Per-message attributes: EMAILID and THREADID (RFC 8474 §5.3), SAVEDATE (RFC 8514 §4.2), PREVIEW
     * and PREVIEW (LAZY) (RFC 8970 §3, §4.1).
     */
    enum Attribute implements FetchItem { EMAILID, THREADID, SAVEDATE, PREVIEW, PREVIEW_LAZY }
}
