/**
 * One connection's state (RFC 9051 §3) and its dispatcher, the selected mailbox as the session sees
 * it (sequence numbers, flags, and the other sessions' changes waiting to be told), and the
 * interfaces the session needs of its connection.
 */
package org.mailroom.imap.session;
