package org.mailroom.imap.transport;

import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.codec.CumulativeProtocolDecoder;
import org.apache.mina.filter.codec.ProtocolDecoderOutput;
import org.mailroom.imap.protocol.CommandFramer;
import org.mailroom.imap.protocol.Frame;
import org.mailroom.imap.protocol.Frames;

/**
 * MINA's side of framing: hands every received octet to the connection's {@link CommandFramer}.
 * A STARTTLS or COMPRESS command stops reading at once, on the I/O thread, so that no octet sent
 * after it can be taken for a command before the TLS or DEFLATE layer is in place (STYLE.md §14); the
 * transport reads again once the layer is on, or once the command has been refused.
 */
final class ImapDecoder extends CumulativeProtocolDecoder {

    @Override
    protected boolean doDecode(IoSession session, IoBuffer in, ProtocolDecoderOutput out) {
        MinaTransport transport = MinaTransport.of(session);
        if (transport == null) {
            in.position(in.limit());
            return false;
        }
        transport.framer().feed(in.buf(), frame -> {
            if (frame instanceof Frame.Command c && Frames.changesLayer(c)) {
                transport.holdInputForTls();
            }
            out.write(frame);
        });
        in.position(in.limit());
        return false;
    }
}
