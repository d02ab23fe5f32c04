package org.mailroom.pop3.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class MessageStreamerTest {

    /** Collects what is written and how large each write was. */
    static final class Collecting implements Pop3Channel {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        int largestWrite;
        int writes;
        int writesAwaited;

        @Override
        public InetAddress clientAddress() {
            return InetAddress.getLoopbackAddress();
        }

        @Override
        public boolean isSecure() {
            return true;
        }

        @Override
        public boolean canStartTls() {
            return false;
        }

        @Override
        public void write(byte[] bytes) {
            out.writeBytes(bytes);
            writes++;
            largestWrite = Math.max(largestWrite, bytes.length);
        }

        @Override
        public void awaitWritten() {
            writesAwaited++;
        }

        @Override
        public boolean hasPendingInput() {
            return false;
        }

        @Override
        public boolean startTls(byte[] clearReply) {
            return false;
        }

        @Override
        public void stlsDeclined() {
        }

        @Override
        public void schedule(Duration delay, Runnable task) {
            task.run();
        }

        @Override
        public void suspendInput() {
        }

        @Override
        public void resumeInput() {
        }

        @Override
        public void close() {
        }

        String text() {
            return out.toString(StandardCharsets.ISO_8859_1);
        }
    }

    private static String send(String message, long bodyLines) throws IOException {
        Collecting c = new Collecting();
        new MessageStreamer(c).send(new ByteArrayInputStream(message.getBytes(StandardCharsets.ISO_8859_1)), bodyLines);
        return c.text();
    }

    @Test
    void linesStartingWithADotAreStuffedAndTheEndIsMarked() throws IOException {
        assertThat(send("A: b\r\n\r\n.\r\n..x\r\nend.\r\n", -1)).isEqualTo("A: b\r\n\r\n..\r\n...x\r\nend.\r\n.\r\n");
    }

    @Test
    void aMessageWithoutAFinalLineEndGetsOneBeforeTheDot() throws IOException {
        assertThat(send("A: b\r\n\r\nno end", -1)).isEqualTo("A: b\r\n\r\nno end\r\n.\r\n");
    }

    @Test
    void topZeroSendsTheHeaderAndTheBlankLine() throws IOException {
        assertThat(send("A: b\r\nC: d\r\n\r\nbody\r\n", 0)).isEqualTo("A: b\r\nC: d\r\n\r\n.\r\n");
    }

    @Test
    void topCountsBodyLines() throws IOException {
        assertThat(send("A: b\r\n\r\n1\r\n2\r\n3\r\n", 2)).isEqualTo("A: b\r\n\r\n1\r\n2\r\n.\r\n");
        assertThat(send("A: b\r\n\r\n1\r\n", 5)).isEqualTo("A: b\r\n\r\n1\r\n.\r\n");
    }

    @Test
    void aMessageWithoutBodySendsAllOfItForTop() throws IOException {
        assertThat(send("A: b\r\nC: d\r\n", 0)).isEqualTo("A: b\r\nC: d\r\n.\r\n");
    }

    @Test
    void aLargeMessageGoesOutInBoundedChunksWithBackPressure() throws IOException {
        byte[] line = ".xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\r\n"
                .getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream m = new ByteArrayOutputStream();
        m.writeBytes("Subject: big\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        while (m.size() < 3_000_000) {
            m.writeBytes(line);
        }
        Collecting c = new Collecting();
        new MessageStreamer(c).send(new ByteArrayInputStream(m.toByteArray()), -1);
        assertThat(c.largestWrite).isLessThanOrEqualTo(MessageStreamer.CHUNK + 1);
        assertThat(c.writesAwaited).isGreaterThan(3_000_000 / (MessageStreamer.CHUNK + 1));
        byte[] sent = c.out.toByteArray();
        long lines = (m.size() - 16) / line.length;
        assertThat(sent.length).isEqualTo(m.size() + lines + 3);
        assertThat(Arrays.copyOfRange(sent, sent.length - 6, sent.length))
                .isEqualTo("x\r\n.\r\n".getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void aSmallMessageLeavesWithItsStatusLineInOneWrite() throws IOException {
        Collecting c = new Collecting();
        byte[] message = "A: b\r\n\r\n.dot\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII);
        new MessageStreamer(c).send("+OK 23 octets\r\n".getBytes(StandardCharsets.US_ASCII),
                new ByteArrayInputStream(message), -1, message.length);
        assertThat(c.text()).isEqualTo("+OK 23 octets\r\nA: b\r\n\r\n..dot\r\nbody\r\n.\r\n");
        assertThat(c.writes).isEqualTo(1);
    }

    @Test
    void dotsAreStuffedWhereverTheStoreSplitsItsReads() throws IOException {
        String message = ".a\r\n.\r\nb.\r\n..\r\n.";
        for (int split = 1; split <= 4; split++) {
            Collecting c = new Collecting();
            new MessageStreamer(c).send(new byte[0], new Trickle(message.getBytes(StandardCharsets.US_ASCII), split),
                    -1, message.length());
            assertThat(c.text()).as("reads of %d bytes", split).isEqualTo("..a\r\n..\r\nb.\r\n...\r\n..\r\n.\r\n");
        }
    }

    /** A stream that yields at most {@code step} bytes per read, as a BLOB stream may. */
    private static final class Trickle extends ByteArrayInputStream {
        private final int step;

        Trickle(byte[] bytes, int step) {
            super(bytes);
            this.step = step;
        }

        @Override
        public synchronized int read(byte[] b, int off, int len) {
            return super.read(b, off, Math.min(len, step));
        }
    }
}
