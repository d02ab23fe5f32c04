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
}
