/**
 * The SMTP protocol core, free of MINA (STYLE.md §3): {@link org.mailroom.smtp.protocol.SmtpSession}
 * frames the client's octets and dispatches commands, {@link org.mailroom.smtp.protocol.SessionContext}
 * holds what a session knows, {@link org.mailroom.smtp.protocol.DataReceiver} and
 * {@link org.mailroom.smtp.protocol.MessageSink} receive message data into the spool, and
 * {@link org.mailroom.smtp.protocol.Reply} is the typed reply. The network is reached only through
 * {@link org.mailroom.smtp.protocol.Connection}.
 */
package org.mailroom.smtp.protocol;
