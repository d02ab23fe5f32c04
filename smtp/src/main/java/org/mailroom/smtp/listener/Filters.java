package org.mailroom.smtp.listener;

import javax.net.ssl.SSLContext;
import org.apache.mina.core.filterchain.IoFilter;

/** The filters a listener's chain is built from. */
public final class Filters {

    private Filters() {
    }

    /** The TLS filter of the implicit-TLS listener (RFC 8314 §3.3). */
    public static IoFilter tls(SSLContext context) {
        return MinaConnection.tlsFilter(context);
    }

    public static IoFilter gate() {
        return new TlsGateFilter();
    }
}
