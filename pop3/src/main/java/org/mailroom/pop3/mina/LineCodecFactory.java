package org.mailroom.pop3.mina;

import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.codec.ProtocolCodecFactory;
import org.apache.mina.filter.codec.ProtocolDecoder;
import org.apache.mina.filter.codec.ProtocolEncoder;
import org.apache.mina.filter.codec.ProtocolEncoderAdapter;
import org.apache.mina.filter.codec.ProtocolEncoderOutput;

/**
 * Lines in; bytes out. The session writes ready-made {@code IoBuffer}s, which MINA's codec filter
 * passes by the encoder, so the encoder refuses anything else.
 */
final class LineCodecFactory implements ProtocolCodecFactory {

    private final LineDecoder decoder;
    private final ProtocolEncoder encoder = new ProtocolEncoderAdapter() {
        @Override
        public void encode(IoSession session, Object message, ProtocolEncoderOutput out) {
            throw new IllegalArgumentException("only byte buffers are written: " + message.getClass());
        }
    };

    LineCodecFactory(int maxLineLength) {
        this.decoder = new LineDecoder(maxLineLength);
    }

    @Override
    public ProtocolEncoder getEncoder(IoSession session) {
        return encoder;
    }

    @Override
    public ProtocolDecoder getDecoder(IoSession session) {
        return decoder;
    }
}
