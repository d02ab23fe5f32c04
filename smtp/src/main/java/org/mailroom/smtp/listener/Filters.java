package org.mailroom.smtp.listener;

import java.util.concurrent.Executor;
import javax.net.ssl.SSLContext;
import org.apache.mina.core.filterchain.IoFilter;

/** The filters a listener's chain is built from. */
public final class Filters {

    /** The names the filters have in a chain; the gate looks for the TLS filter by its name. */
    public static final String TLS = TlsGateFilter.TLS;
    public static final String GATE = TlsGateFilter.NAME;

    private Filters() {
    }

    /** The TLS filter of the implicit-TLS listener (RFC 8314 §3.3). */
    public static IoFilter tls(SSLContext context) {
        return MinaConnection.tlsFilter(context);
    }

    /**
     * Runs the handler's events on the ordered {@code workers}, or at once on the I/O thread where the
     * handler answers from memory; see {@link QuickOrWorkerFilter}.
     */
    public static IoFilter workers(Executor workers, SmtpIoHandler handler) {
        return new QuickOrWorkerFilter(workers, handler);
    }

    /** Marks reads as clear text or decrypted; see {@link TlsGateFilter}. */
    public static IoFilter gate() {
        return new TlsGateFilter();
    }
}
