package org.mailroom.imap.sort;

import java.util.List;
import org.mailroom.imap.search.ReturnOptions;
import org.mailroom.imap.search.SearchKey;

/**
 * A parsed SORT (RFC 5256 §3, extended by RFC 5267 §3).
 *
 * @param returns null unless the client wrote RETURN (then the answer is ESEARCH)
 */
public record SortRequest(ReturnOptions returns, List<SortCriterion> criteria, SearchKey key) {

    public SortRequest {
        criteria = List.copyOf(criteria);
    }
}
