/**
 * The IMAP wire format without MINA: {@link org.mailroom.imap.protocol.CommandFramer} cuts octets into
 * commands with their literals under hard limits, {@link org.mailroom.imap.protocol.CommandReader}
 * reads arguments by the grammar of RFC 9051 §9, {@link org.mailroom.imap.protocol.ResponseWriter}
 * writes responses and streams literals.
 */
package org.mailroom.imap.protocol;
