/**
 * SEARCH keys (RFC 9051 §6.4.4), their parser and their evaluation against summaries first and
 * decoded message text only when a key needs it.
 */
package org.mailroom.imap.search;
