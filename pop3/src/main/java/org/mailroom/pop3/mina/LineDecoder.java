package org.mailroom.pop3.mina;

import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.session.AttributeKey;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.codec.ProtocolDecoderAdapter;
import org.apache.mina.filter.codec.ProtocolDecoderOutput;
import org.apache.mina.filter.ssl.SslFilter;
import org.mailroom.pop3.protocol.InputLine;
import org.mailroom.pop3.protocol.LineFramer;

/**
 * Turns the bytes of one connection into {@link InputLine}s through a per-session {@link LineFramer},
 * which keeps the unfinished line itself (bounded), so every buffer MINA hands over is consumed whole.
 *
 * <p>It also guards STLS (RFC 2595 §3.1), here on the I/O thread where the order of arrival is known:
 * once it has framed an STLS line outside TLS, any byte reaching it before the TLS handshake has
 * finished was sent in the clear after STLS, so the session is marked {@linkplain #injected injected}.
 * A client's own data can only come after the handshake, which needs the server's {@code +OK} first.
 */
final class LineDecoder extends ProtocolDecoderAdapter {

    private static final AttributeKey FRAMER = new AttributeKey(LineDecoder.class, "framer");
    private static final AttributeKey STLS_PENDING = new AttributeKey(LineDecoder.class, "stls-pending");
    private static final AttributeKey INJECTED = new AttributeKey(LineDecoder.class, "injected");

    private final int maxLineLength;

    LineDecoder(int maxLineLength) {
        this.maxLineLength = maxLineLength;
    }

    /** Bytes of an unfinished line the decoder holds for the session. */
    static int buffered(IoSession session) {
        LineFramer framer = (LineFramer) session.getAttribute(FRAMER);
        return framer == null ? 0 : framer.buffered();
    }

    @Override
    public void decode(IoSession session, IoBuffer in, ProtocolDecoderOutput out) {
        LineFramer framer = (LineFramer) session.getAttribute(FRAMER);
        if (framer == null) {
            framer = new LineFramer(maxLineLength);
            session.setAttribute(FRAMER, framer);
        }
        boolean secured = session.getAttribute(SslFilter.SSL_SECURED) != null;
        if (session.containsAttribute(STLS_PENDING)) {
            if (secured) {
                session.removeAttribute(STLS_PENDING);
            } else if (in.hasRemaining()) {
                session.setAttribute(INJECTED, Boolean.TRUE);
            }
        }
        for (InputLine line : framer.feed(in.buf())) {
            out.write(line);
            if (!secured && !line.tooLong() && line.text().strip().equalsIgnoreCase("STLS")) {
                session.setAttribute(STLS_PENDING, Boolean.TRUE);
                if (line.moreInputFollows()) {
                    session.setAttribute(INJECTED, Boolean.TRUE);
                }
            }
        }
    }

    /** True if the client sent bytes in the clear after an STLS line, before any TLS handshake finished. */
    static boolean injected(IoSession session) {
        return session.containsAttribute(INJECTED);
    }

    /** The session declined STLS: what follows is ordinary clear-text input again. */
    static void stlsDeclined(IoSession session) {
        session.removeAttribute(STLS_PENDING);
        session.removeAttribute(INJECTED);
    }
}
