/**
 * The IMAP server (IMAP4rev1, RFC 3501, and IMAP4rev2, RFC 9051) on {@code imap.port} with STARTTLS and
 * {@code imaps.port} with implicit TLS. {@link org.mailroom.imap.ImapServer} is the entry point,
 * configured by {@link org.mailroom.imap.ImapConfig} and given its collaborators in
 * {@link org.mailroom.imap.ImapServices}.
 *
 * <p>Layers, outermost first: {@code transport} (the only MINA code: acceptors, decoder, I/O handler),
 * {@code protocol} (framing of commands and literals, the argument reader, response writing),
 * {@code session} (connection state, the one dispatcher, the selected mailbox's view and its
 * change notifications), {@code command} (one class per command), and {@code fetch} and
 * {@code search} for the two commands with grammars of their own.
 */
package org.mailroom.imap;
