package org.mailroom.smtp.protocol;

/** The negotiated TLS parameters of a connection, for the Received field and the log. */
public record TlsInfo(String protocol, String cipherSuite) {
}
