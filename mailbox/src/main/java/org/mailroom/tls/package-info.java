/**
 * The server's TLS certificate and key ({@link org.mailroom.tls.TlsMaterial}): certbot's PEM files,
 * or a self-signed certificate generated at first start; TLS 1.2 and 1.3 only.
 */
package org.mailroom.tls;
