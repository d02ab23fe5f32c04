package org.mailroom.pop3.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineFramerTest {

    private static ByteBuffer bytes(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aLineFedOneByteAtATimeComesOutWhole() {
        LineFramer framer = new LineFramer(100);
        List<InputLine> lines = new ArrayList<>();
        for (byte b : "USER alice@example.org\r\n".getBytes(StandardCharsets.US_ASCII)) {
            lines.addAll(framer.feed(ByteBuffer.wrap(new byte[] {b})));
        }
        assertThat(lines).containsExactly(new InputLine("USER alice@example.org", false, false));
    }

    @Test
    void oneByteThenTheRest() {
        LineFramer framer = new LineFramer(100);
        assertThat(framer.feed(bytes("S"))).isEmpty();
        assertThat(framer.feed(bytes("TAT\r\nLIST\r\n"))).containsExactly(
                new InputLine("STAT", false, true), new InputLine("LIST", false, false));
    }

    @Test
    void moreInputFollowingALineIsReported() {
        LineFramer framer = new LineFramer(100);
        assertThat(framer.feed(bytes("STLS\r\nUS"))).containsExactly(new InputLine("STLS", false, true));
        assertThat(framer.feed(bytes("ER x\r\n"))).containsExactly(new InputLine("USER x", false, false));
    }

    @Test
    void aBareLineFeedEndsALineToo() {
        assertThat(new LineFramer(100).feed(bytes("NOOP\nQUIT\n")))
                .extracting(InputLine::text).containsExactly("NOOP", "QUIT");
    }

    @Test
    void anOverlongLineIsDiscardedWithoutBeingBufferedAndReportedOnce() {
        LineFramer framer = new LineFramer(10);
        assertThat(framer.feed(bytes("X".repeat(5000)))).isEmpty();
        assertThat(framer.buffered()).isLessThanOrEqualTo(11);
        assertThat(framer.feed(bytes("YYY\r\nNOOP\r\n"))).containsExactly(
                new InputLine("", true, true), new InputLine("NOOP", false, false));
    }

    @Test
    void aLineOfExactlyTheLimitIsAccepted() {
        assertThat(new LineFramer(4).feed(bytes("QUIT\r\n"))).containsExactly(new InputLine("QUIT", false, false));
        assertThat(new LineFramer(3).feed(bytes("QUIT\r\n"))).containsExactly(new InputLine("", true, false));
    }

    @Test
    void utf8IsDecoded() {
        assertThat(new LineFramer(100).feed(bytes("PASS pässwörd\r\n")))
                .containsExactly(new InputLine("PASS pässwörd", false, false));
    }
}
