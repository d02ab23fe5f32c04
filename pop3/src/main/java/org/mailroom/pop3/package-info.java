/**
 * The POP3 servers (RFC 1939 with CAPA, RESP-CODES, AUTH-RESP-CODE, PIPELINING, UIDL, TOP, USER, SASL,
 * STLS, EXPIRE NEVER and UTF8): {@link org.mailroom.pop3.Pop3Server}, built from
 * {@link org.mailroom.pop3.Pop3Config} and {@link org.mailroom.pop3.Pop3Services}.
 */
package org.mailroom.pop3;
