package org.mailroom.pop3.mina;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import org.apache.mina.core.service.IoHandler;
import org.apache.mina.filter.codec.ProtocolCodecFilter;
import org.apache.mina.filter.executor.ExecutorFilter;
import org.apache.mina.transport.socket.nio.NioSocketAcceptor;
import javax.net.ssl.SSLContext;

/** Builds the acceptor of one port: TLS first on 995, then lines, the input counter, the ordered executor. */
public final class Pop3Acceptors {

    private Pop3Acceptors() {
    }

    /**
     * @param implicitTls the context for port 995, or null for the plain port with STLS
     * @param executor ordered per session, so JDBC and message streaming never block an I/O thread (STYLE.md §9)
     */
    public static NioSocketAcceptor bind(InetSocketAddress address, SSLContext implicitTls, int maxLineLength,
                                         ExecutorService executor, IoHandler handler) throws IOException {
        NioSocketAcceptor acceptor = new NioSocketAcceptor();
        acceptor.setReuseAddress(true);
        // Without TCP_NODELAY a reply written in several small packets waits ~40 ms for the client's
        // delayed ACK (Nagle): the benchmark drained 6x more messages per second with it.
        acceptor.getSessionConfig().setTcpNoDelay(true);
        acceptor.setCloseOnDeactivation(false);
        if (implicitTls != null) {
            acceptor.getFilterChain().addLast(MinaChannel.TLS_FILTER, Pop3Filters.tlsFilter(implicitTls));
        }
        acceptor.getFilterChain().addLast("lines", new ProtocolCodecFilter(new LineCodecFactory(maxLineLength)));
        acceptor.getFilterChain().addLast(MinaChannel.COUNTER_FILTER, new InputCounter());
        acceptor.getFilterChain().addLast("executor", new ExecutorFilter(executor));
        acceptor.setHandler(handler);
        try {
            acceptor.bind(address);
        } catch (IOException | RuntimeException e) {
            acceptor.dispose();
            throw e;
        }
        return acceptor;
    }
}
