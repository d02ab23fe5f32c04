package org.mailroom.pop3.mina;

import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.session.AttributeKey;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.codec.ProtocolDecoderAdapter;
import org.apache.mina.filter.codec.ProtocolDecoderOutput;
import org.mailroom.pop3.protocol.InputLine;
import org.mailroom.pop3.protocol.LineFramer;

/**
 * Turns the bytes of one connection into {@link InputLine}s through a per-session {@link LineFramer},
 * which keeps the unfinished line itself (bounded), so every buffer MINA hands over is consumed whole.
 */
final class LineDecoder extends ProtocolDecoderAdapter {

    private static final AttributeKey FRAMER = new AttributeKey(LineDecoder.class, "framer");

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
        for (InputLine line : framer.feed(in.buf())) {
            out.write(line);
        }
    }
}
