package org.mailroom.imap.thread;

import org.mailroom.imap.search.SearchKey;

/** A parsed THREAD (RFC 5256 §4): the algorithm and the search program (after its charset). */
public record ThreadRequest(Threading algorithm, SearchKey key) {
}
