package org.mailroom.imap.transport;

import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.filterchain.IoFilterAdapter;
import org.apache.mina.core.filterchain.IoFilterChain;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.core.write.WriteRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * COMPRESS=DEFLATE (RFC 4978 §4): raw DEFLATE (RFC 1951, no zlib header) both ways, one filter per
 * connection. It sits between TLS and the codec, so data is compressed before it is encrypted and
 * decrypted before it is inflated, whichever came first (RFC 4978 §3: COMPRESS, then TLS, on the way out).
 * Every write the transport makes is one batch of responses and ends in a SYNC_FLUSH, so the client
 * can read all of it at once without waiting for more (RFC 4978 §4).
 */
final class DeflateFilter extends IoFilterAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(DeflateFilter.class);
    /** Inflated input is handed on in pieces of this size, so a small packet cannot become a huge buffer. */
    private static final int CHUNK = 16 * 1024;

    private final Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
    private final Inflater inflater = new Inflater(true);

    @Override
    public synchronized void filterWrite(NextFilter next, IoSession session, WriteRequest request) {
        if (request.getMessage() instanceof IoBuffer in && in.hasRemaining()) {
            byte[] plain = new byte[in.remaining()];
            in.get(plain);
            deflater.setInput(plain);
            IoBuffer out = IoBuffer.allocate(plain.length / 2 + 64).setAutoExpand(true);
            byte[] chunk = new byte[CHUNK];
            int n;
            // With SYNC_FLUSH, output shorter than the space given means all input is out (Deflater#deflate).
            do {
                n = deflater.deflate(chunk, 0, chunk.length, Deflater.SYNC_FLUSH);
                out.put(chunk, 0, n);
            } while (n == chunk.length);
            out.flip();
            request.setMessage(out);
        }
        next.filterWrite(session, request);
    }

    @Override
    public synchronized void messageReceived(NextFilter next, IoSession session, Object message) {
        if (!(message instanceof IoBuffer in)) {
            next.messageReceived(session, message);
            return;
        }
        byte[] compressed = new byte[in.remaining()];
        in.get(compressed);
        inflater.setInput(compressed);
        byte[] chunk = new byte[CHUNK];
        try {
            while (true) {
                int n = inflater.inflate(chunk);
                if (n > 0) {
                    next.messageReceived(session, IoBuffer.wrap(java.util.Arrays.copyOf(chunk, n)));
                } else if (inflater.needsInput() || inflater.finished() || inflater.needsDictionary()) {
                    break;
                }
            }
        } catch (DataFormatException e) {
            // Not DEFLATE data: nothing the client sends after this can be read.
            LOG.debug("imap connection {}: bad compressed input: {}", session.getId(), e.getMessage());
            session.closeNow();
        }
    }

    @Override
    public synchronized void onPostRemove(IoFilterChain parent, String name, NextFilter next) {
        release();
    }

    @Override
    public void sessionClosed(NextFilter next, IoSession session) {
        synchronized (this) {
            release();
        }
        next.sessionClosed(session);
    }

    private void release() {
        deflater.end();
        inflater.end();
    }
}
