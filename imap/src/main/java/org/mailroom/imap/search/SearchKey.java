package org.mailroom.imap.search;

import java.time.LocalDate;
import java.util.List;
import org.mailroom.imap.protocol.SequenceSet;
import org.mailroom.store.Flag;

/** One search-key of RFC 9051 §6.4.4, parsed. */
public sealed interface SearchKey {

    record All() implements SearchKey {
    }

    record HasFlag(Flag flag, boolean set) implements SearchKey {
    }

    record Keyword(String keyword, boolean set) implements SearchKey {
    }

    /** NEW, OLD and RECENT (IMAP4rev1 only; \Recent is per session). */
    record Recent(boolean recent) implements SearchKey {
    }

    /** A header field contains a string; {@code field} in lower case. */
    record Header(String field, String value) implements SearchKey {
    }

    record Body(String value, boolean withHeader) implements SearchKey {
    }

    enum DateWhen { BEFORE, ON, SINCE }

    record InternalDate(DateWhen when, LocalDate date) implements SearchKey {
    }

    record SentDate(DateWhen when, LocalDate date) implements SearchKey {
    }

    record Size(boolean larger, long octets) implements SearchKey {
    }

    /** OLDER and YOUNGER (RFC 5032 §3): the internal date against now, in seconds. */
    record Within(boolean older, long seconds) implements SearchKey {
    }

    /** EMAILID or THREADID (RFC 8474 §6): an exact, case-sensitive object id. */
    record ObjectId(boolean thread, String id) implements SearchKey {
    }

    /** SAVEDBEFORE, SAVEDON, SAVEDSINCE (RFC 8514 §4.3). */
    record SaveDate(DateWhen when, LocalDate date) implements SearchKey {
    }

    record Sequence(SequenceSet set, boolean byUid) implements SearchKey {
    }

    /** MODSEQ (RFC 7162 §3.1.5): the message's mod-sequence is at least {@code modSeq}. */
    record ModSeq(long modSeq) implements SearchKey {
    }

    record Not(SearchKey key) implements SearchKey {
    }

    record Or(SearchKey a, SearchKey b) implements SearchKey {
    }

    record And(List<SearchKey> keys) implements SearchKey {
        public And {
            keys = List.copyOf(keys);
        }
    }
}
