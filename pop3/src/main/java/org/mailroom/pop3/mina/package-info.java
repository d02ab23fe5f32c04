/**
 * Where POP3 meets MINA: the acceptors and their filter chains (TLS, line decoding, the ordered
 * executor), the I/O handler, and the channel a session writes through.
 */
package org.mailroom.pop3.mina;
