package org.mailroom.smtp.outbound;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Opens client connections to remote SMTP servers, plain or with implicit TLS, and supplies the TLS
 * context for STARTTLS: an unverifying one for opportunistic TLS to MX hosts, the trusted one for a
 * smarthost whose certificate must be verified.
 */
public final class SmtpClientFactory implements AutoCloseable {

    private final Timeouts timeouts;
    private final SSLContext trusted;
    private final SSLContext opportunistic;
    private final ScheduledExecutorService watchdog;

    /** With the JVM's default trust store for verified connections. */
    public SmtpClientFactory(Timeouts timeouts) throws GeneralSecurityException {
        this(timeouts, SSLContext.getDefault());
    }

    /** @param trusted the context for connections whose certificate must be verified (a smarthost) */
    public SmtpClientFactory(Timeouts timeouts, SSLContext trusted) throws GeneralSecurityException {
        this.timeouts = timeouts;
        this.trusted = trusted;
        this.opportunistic = SSLContext.getInstance("TLS");
        this.opportunistic.init(null, new TrustManager[] {new AnyCertificate()}, null);
        ScheduledThreadPoolExecutor w = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = Executors.defaultThreadFactory().newThread(r);
            t.setName("smtp-client-watchdog");
            t.setDaemon(true);
            return t;
        });
        w.setRemoveOnCancelPolicy(true);
        this.watchdog = w;
    }

    SmtpClient connect(RemoteHost host, ConnectionPolicy policy) throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(host.address(), host.port()), (int) timeouts.connect().toMillis());
            SmtpClient client = new SmtpClient(socket, host, timeouts, watchdog);
            if (policy.tls() == TlsMode.IMPLICIT) {
                client.startTls(tlsFor(policy), policy.verifyCertificate());
            }
            return client;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    SSLSocketFactory tlsFor(ConnectionPolicy policy) {
        return (policy.verifyCertificate() ? trusted : opportunistic).getSocketFactory();
    }

    @Override
    public void close() {
        watchdog.shutdownNow();
    }

    /**
     * Opportunistic TLS between MTAs encrypts without authenticating: MX hosts rarely present a
     * certificate for the name we looked up, and refusing would only push the mail back to plain
     * text (RFC 7435 §1.3, RFC 7672 §1.3). Used only where no verification was asked for.
     */
    private static final class AnyCertificate implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
            // a client never asks us for a client certificate check
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
            // deliberately accepted: see the class comment
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
