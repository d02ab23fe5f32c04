package org.mailroom.imap.sort;

import java.util.ArrayList;
import java.util.List;
import org.mailroom.imap.protocol.CommandReader;
import org.mailroom.imap.protocol.SyntaxError;
import org.mailroom.imap.search.ReturnOptions;
import org.mailroom.imap.search.SearchParser;
import org.mailroom.text.ClientText;

/**
 * {@code sort = ["UID" SP] "SORT" [search-return-opts] SP sort-criteria SP search-criteria},
 * {@code sort-criteria = "(" sort-criterion *(SP sort-criterion) ")"},
 * {@code sort-criterion = ["REVERSE" SP] sort-key}, {@code search-criteria = charset 1*(SP search-key)}
 * (RFC 5256 §5, RFC 5267 §5, RFC 5957 §4). The charset is mandatory here.
 */
public final class SortParser {

    private SortParser() {
    }

    public static SortRequest parse(CommandReader r) {
        return parse(r, false);
    }

    /** With {@code utf8Accepted}, only CHARSET UTF-8 (RFC 6855 erratum 4029). */
    public static SortRequest parse(CommandReader r, boolean utf8Accepted) {
        ReturnOptions returns = null;
        if (ReturnOptions.follows(r)) {
            returns = ReturnOptions.read(r);
            r.sp();
        }
        r.expect('(');
        List<SortCriterion> criteria = new ArrayList<>();
        do {
            String word = r.keyword();
            boolean reverse = word.equals("REVERSE");
            if (reverse) {
                r.sp();
                word = r.keyword();
            }
            criteria.add(new SortCriterion(key(word), reverse));
        } while (r.trySp());
        r.expect(')');
        r.sp();
        SearchParser.charset(r.astring(), utf8Accepted);
        r.sp();
        return new SortRequest(returns, criteria, SearchParser.program(r));
    }

    private static SortCriterion.Key key(String word) {
        try {
            return SortCriterion.Key.valueOf(word);
        } catch (IllegalArgumentException e) {
            throw new SyntaxError("unknown sort key " + ClientText.sanitize(word));
        }
    }
}
