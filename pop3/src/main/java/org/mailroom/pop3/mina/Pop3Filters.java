package org.mailroom.pop3.mina;

import javax.net.ssl.SSLContext;
import org.apache.mina.filter.ssl.SslFilter;

/** The TLS filter, the same for STLS and implicit TLS. */
final class Pop3Filters {

    /** DESIGN.md: TLS 1.2 and 1.3 only. */
    static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    private Pop3Filters() {
    }

    static SslFilter tlsFilter(SSLContext context) {
        SslFilter filter = new SslFilter(context);
        filter.setEnabledProtocols(PROTOCOLS);
        return filter;
    }
}
