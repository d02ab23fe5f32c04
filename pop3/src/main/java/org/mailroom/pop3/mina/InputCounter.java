package org.mailroom.pop3.mina;

import java.util.concurrent.atomic.AtomicInteger;
import org.apache.mina.core.filterchain.IoFilterAdapter;
import org.apache.mina.core.session.AttributeKey;
import org.apache.mina.core.session.IoSession;
import org.mailroom.pop3.protocol.InputLine;

/**
 * Counts lines decoded but not yet handled, in front of the executor: STLS must know whether the
 * client sent anything after it (RFC 2595 §3.1), even in a later packet still queued.
 */
final class InputCounter extends IoFilterAdapter {

    private static final AttributeKey QUEUED = new AttributeKey(InputCounter.class, "queued");

    static AtomicInteger queued(IoSession session) {
        AtomicInteger n = (AtomicInteger) session.getAttribute(QUEUED);
        if (n == null) {
            AtomicInteger fresh = new AtomicInteger();
            n = (AtomicInteger) session.setAttributeIfAbsent(QUEUED, fresh);
            if (n == null) {
                n = fresh;
            }
        }
        return n;
    }

    @Override
    public void messageReceived(NextFilter next, IoSession session, Object message) throws Exception {
        if (message instanceof InputLine) {
            queued(session).incrementAndGet();
        }
        next.messageReceived(session, message);
    }
}
