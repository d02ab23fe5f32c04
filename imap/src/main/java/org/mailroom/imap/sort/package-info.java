/**
 * Server-side sorting (RFC 5256 §3, RFC 5957): the base subject of RFC 5256 §2.1, the i;unicode-casemap
 * collation, the sent date, and the sorter, which reads the envelopes stored at delivery and never a
 * message's content.
 */
package org.mailroom.imap.sort;
