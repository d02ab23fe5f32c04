package org.mailroom.smtp.listener;

import org.apache.mina.core.buffer.IoBuffer;

/** Received octets, marked with whether they came out of the TLS layer. */
record Inbound(IoBuffer buffer, boolean viaTls) {
}
