package org.mailroom.imap.search;

import java.util.Set;

/**
 * A parsed SEARCH: the ESEARCH return options (RFC 4731, SEARCHRES RFC 5182, CONTEXT RFC 5267) and the key.
 *
 * @param returnOptions empty when the client wrote no RETURN; {@code ALL} when it wrote RETURN ()
 * @param extended whether the client asked for ESEARCH with RETURN
 * @param partial the PARTIAL range, or null
 */
public record SearchRequest(Set<String> returnOptions, boolean extended, SearchKey key, PartialRange partial) {

    public SearchRequest(Set<String> returnOptions, boolean extended, SearchKey key) {
        this(returnOptions, extended, key, null);
    }
}
