/**
 * The MINA side of the server (STYLE.md §3): acceptors with the TLS and codec filters, the decoder
 * that feeds the framer, and the I/O handler that hands events to each session's serial executor.
 */
package org.mailroom.imap.transport;
