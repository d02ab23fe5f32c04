package org.mailroom.smtp.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailroom.spool.Spool;
import org.mailroom.spool.SpoolWriter;

/** The DATA decoder, fed whole and one octet at a time (STYLE.md §18). */
class DataReceiverTest {

    @TempDir
    Path dir;

    private record Outcome(String content, int consumed, boolean done, DataReceiver.Defect defect) {
    }

    private Outcome feed(String wire, boolean byteByByte, MessageSink.HeaderFields missing) throws IOException {
        return feed(wire, byteByByte, missing, 1000, 1 << 20);
    }

    private Outcome feed(String wire, boolean byteByByte, MessageSink.HeaderFields missing, int maxLine, long limit)
            throws IOException {
        byte[] in = wire.getBytes(StandardCharsets.ISO_8859_1);
        MessageSink sink = new MessageSink(new SpoolWriter(dir, limit + 1000), "", limit, missing);
        DataReceiver r = new DataReceiver(sink, maxLine);
        int consumed = 0;
        if (byteByByte) {
            while (consumed < in.length && !r.isDone()) {
                consumed += r.consume(in, consumed, 1);
            }
        } else {
            consumed = r.consume(in, 0, in.length);
        }
        if (!r.isDone()) {
            sink.close();
            return new Outcome(null, consumed, false, r.defect());
        }
        try (Spool s = sink.finish(); InputStream is = s.open()) {
            return new Outcome(new String(is.readAllBytes(), StandardCharsets.ISO_8859_1), consumed, true, r.defect());
        }
    }

    @Test
    void endsAtCrLfDotCrLfAndConsumesNothingAfterIt() throws IOException {
        for (boolean one : new boolean[] {false, true}) {
            Outcome o = feed("Subject: x\r\n\r\nbody\r\n.\r\nQUIT\r\n", one, null);
            assertThat(o.done()).isTrue();
            assertThat(o.content()).isEqualTo("Subject: x\r\n\r\nbody\r\n");
            assertThat(o.consumed()).isEqualTo("Subject: x\r\n\r\nbody\r\n.\r\n".length());
            assertThat(o.defect()).isEqualTo(DataReceiver.Defect.NONE);
        }
    }

    @Test
    void anEmptyMessageIsJustTheDot() throws IOException {
        Outcome o = feed(".\r\n", true, null);
        assertThat(o.done()).isTrue();
        assertThat(o.content()).isEmpty();
    }

    @Test
    void removesDotStuffing() throws IOException {
        for (boolean one : new boolean[] {false, true}) {
            Outcome o = feed("a\r\n..\r\n..b\r\n.c\r\n.\r\n", one, null);
            assertThat(o.content()).isEqualTo("a\r\n.\r\n.b\r\nc\r\n");
        }
    }

    @Test
    void smugglingBareLfDotBareLfNeverEndsTheData() throws IOException {
        // CVE-2023-51764 and kin: "<LF>.<LF>" or "<LF>.<CRLF>" must not end the message.
        for (String smuggle : new String[] {"\n.\n", "\n.\r\n", "\r\n.\n", "\r.\r\n", "\r\n.\r"}) {
            String wire = "Subject: x\r\n\r\nhi" + smuggle + "MAIL FROM:<ceo@example.org>\r\n";
            Outcome o = feed(wire, false, null);
            assertThat(o.done()).as("%s", smuggle.replace("\r", "CR").replace("\n", "LF")).isFalse();
            assertThat(o.consumed()).isEqualTo(wire.length());
            Outcome real = feed(wire + ".\r\n", true, null);
            assertThat(real.done()).isTrue();
            assertThat(real.defect()).isEqualTo(DataReceiver.Defect.BARE_LINE_ENDING);
        }
    }

    @Test
    void bareCrOrLfInsideALineIsADefect() throws IOException {
        assertThat(feed("a\nb\r\n.\r\n", true, null).defect()).isEqualTo(DataReceiver.Defect.BARE_LINE_ENDING);
        assertThat(feed("a\rb\r\n.\r\n", true, null).defect()).isEqualTo(DataReceiver.Defect.BARE_LINE_ENDING);
    }

    @Test
    void aLineLongerThanTheLimitIsADefect() throws IOException {
        String ok = "x".repeat(98) + "\r\n";
        assertThat(feed(ok + ".\r\n", false, null, 100, 1 << 20).defect()).isEqualTo(DataReceiver.Defect.NONE);
        String tooLong = "x".repeat(99) + "\r\n";
        assertThat(feed(tooLong + ".\r\n", false, null, 100, 1 << 20).defect())
                .isEqualTo(DataReceiver.Defect.LINE_TOO_LONG);
    }

    @Test
    void contentOverTheLimitIsReadToTheEndAndFlagged() throws IOException {
        byte[] in = ("x".repeat(50) + "\r\n").repeat(10).concat(".\r\n").getBytes(StandardCharsets.US_ASCII);
        MessageSink sink = new MessageSink(new SpoolWriter(dir, 10_000), "", 100, null);
        DataReceiver r = new DataReceiver(sink, 1000);
        assertThat(r.consume(in, 0, in.length)).isEqualTo(in.length);
        assertThat(r.isDone()).isTrue();
        assertThat(sink.isOverLimit()).isTrue();
        sink.close();
    }

    @Test
    void submissionGetsDateAndMessageIdAtTheEndOfTheHeader() throws IOException {
        MessageSink.HeaderFields add = new MessageSink.HeaderFields("Fri, 4 Dec 2026 17:00:00 +0000", "<id@h>");
        assertThat(feed("Subject: x\r\n\r\nbody\r\n.\r\n", true, add).content())
                .isEqualTo("Subject: x\r\nDate: Fri, 4 Dec 2026 17:00:00 +0000\r\nMessage-ID: <id@h>\r\n\r\nbody\r\n");
        assertThat(feed("Date: Thu, 3 Dec 2026 1:00:00 +0000\r\nMESSAGE-ID: <a@b>\r\n\r\nbody\r\n.\r\n", false, add)
                .content()).isEqualTo("Date: Thu, 3 Dec 2026 1:00:00 +0000\r\nMESSAGE-ID: <a@b>\r\n\r\nbody\r\n");
        assertThat(feed("Subject: x\r\n.\r\n", true, add).content())
                .isEqualTo("Subject: x\r\nDate: Fri, 4 Dec 2026 17:00:00 +0000\r\nMessage-ID: <id@h>\r\n");
        assertThat(feed("Subject: x\r\n\r\nDate: in the body\r\n.\r\n", true, add).content())
                .isEqualTo("Subject: x\r\nDate: Fri, 4 Dec 2026 17:00:00 +0000\r\nMessage-ID: <id@h>\r\n\r\n"
                        + "Date: in the body\r\n");
    }
}
