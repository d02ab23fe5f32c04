package org.mailroom.smtp.listener;

import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.filterchain.IoFilterAdapter;
import org.apache.mina.core.session.IoSession;

/**
 * Marks each read with whether it passed through the TLS filter, at the moment it did, on the I/O
 * thread. Octets a client sent after STARTTLS but before the handshake were read before the TLS filter
 * was in place; when the ordered executor hands them to the session later, this mark (and not the
 * state of the chain by then) tells that they came in clear text (STYLE.md §14).
 */
final class TlsGateFilter extends IoFilterAdapter {

    static final String NAME = "tls-gate";
    static final String TLS = "tls";

    @Override
    public void messageReceived(NextFilter next, IoSession session, Object message) {
        boolean viaTls = session.getFilterChain().contains(TLS);
        next.messageReceived(session, new Inbound((IoBuffer) message, viaTls));
    }
}
