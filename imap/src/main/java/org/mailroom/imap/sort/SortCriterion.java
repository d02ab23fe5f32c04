package org.mailroom.imap.sort;

/**
 * One sort-key of RFC 5256 §3 (ARRIVAL, CC, DATE, FROM, SIZE, SUBJECT, TO) or RFC 5957 §3
 * (DISPLAYFROM, DISPLAYTO), with REVERSE, which applies to the key after it.
 */
public record SortCriterion(Key key, boolean reverse) {

    public enum Key { ARRIVAL, CC, DATE, FROM, SIZE, SUBJECT, TO, DISPLAYFROM, DISPLAYTO }
}
