package org.mailroom.imap.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The framer fed one byte at a time and all at once must cut the same commands (STYLE.md §18). */
class CommandFramerTest {

    @TempDir
    Path dir;

    private List<Frame> feed(String input, FramerLimits limits, boolean byteAtATime) {
        CommandFramer framer = new CommandFramer(dir, limits);
        List<Frame> out = new ArrayList<>();
        byte[] b = input.getBytes(StandardCharsets.ISO_8859_1);
        if (byteAtATime) {
            for (byte x : b) {
                framer.feed(ByteBuffer.wrap(new byte[] {x}), out::add);
            }
        } else {
            framer.feed(ByteBuffer.wrap(b), out::add);
        }
        return out;
    }

    private static String text(Frame.Part p) {
        return new String(((Frame.Text) p).bytes(), StandardCharsets.ISO_8859_1);
    }

    private static String literal(Frame.Part p) throws IOException {
        try (InputStream in = ((Frame.Literal) p).content().open()) {
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    @Test
    void linesBecomeCommandsWhicheverWayTheBytesArrive() {
        for (boolean oneByOne : new boolean[] {true, false}) {
            List<Frame> frames = feed("a1 NOOP\r\na2 CAPABILITY\n", FramerLimits.BEFORE_LOGIN, oneByOne);
            assertThat(frames).hasSize(2);
            assertThat(text(((Frame.Command) frames.get(0)).parts().get(0))).isEqualTo("a1 NOOP");
            assertThat(text(((Frame.Command) frames.get(1)).parts().get(0))).isEqualTo("a2 CAPABILITY");
        }
    }

    @Test
    void aSynchronisingLiteralAsksForContinuationThenCarriesItsOctets() throws IOException {
        for (boolean oneByOne : new boolean[] {true, false}) {
            List<Frame> frames = feed("a LOGIN {5}\r\nal\r\nx {3}\r\npw!\r\n", FramerLimits.BEFORE_LOGIN, oneByOne);
            assertThat(frames).hasSize(3);
            assertThat(frames.get(0)).isInstanceOf(Frame.ContinuationWanted.class);
            assertThat(frames.get(1)).isInstanceOf(Frame.ContinuationWanted.class);
            List<Frame.Part> parts = ((Frame.Command) frames.get(2)).parts();
            assertThat(parts).hasSize(5);
            assertThat(text(parts.get(0))).isEqualTo("a LOGIN {5}");
            assertThat(literal(parts.get(1))).isEqualTo("al\r\nx");
            assertThat(text(parts.get(2))).isEqualTo(" {3}");
            assertThat(literal(parts.get(3))).isEqualTo("pw!");
            assertThat(text(parts.get(4))).isEmpty();
        }
    }

    @Test
    void aNonSynchronisingLiteralNeedsNoContinuation() throws IOException {
        List<Frame> frames = feed("a APPEND INBOX {2+}\r\nhi\r\n", FramerLimits.afterLogin(1000), true);
        assertThat(frames).hasSize(1);
        assertThat(literal(((Frame.Command) frames.get(0)).parts().get(1))).isEqualTo("hi");
    }

    @Test
    void aBinaryLiteralIsMarkedAsSuch() {
        List<Frame> frames = feed("a APPEND INBOX ~{1+}\r\n\0\r\n", FramerLimits.afterLogin(1000), false);
        assertThat(((Frame.Literal) ((Frame.Command) frames.get(0)).parts().get(1)).binary()).isTrue();
    }

    @Test
    void anOversizedSynchronisingLiteralIsRefusedAndTheNextCommandStillWorks() {
        List<Frame> frames = feed("t1 APPEND INBOX {2000}\r\nt2 NOOP\r\n", FramerLimits.afterLogin(1000), true);
        assertThat(frames.get(0)).isEqualTo(new Frame.Refused("t1", Frame.Reason.LITERAL_TOO_BIG));
        assertThat(text(((Frame.Command) frames.get(1)).parts().get(0))).isEqualTo("t2 NOOP");
    }

    @Test
    void anOversizedNonSynchronisingLiteralIsFatal() {
        List<Frame> frames = feed("t1 APPEND INBOX {2000+}\r\nxxxxx", FramerLimits.afterLogin(1000), false);
        assertThat(frames).containsExactly(new Frame.Fatal("t1", Frame.Reason.LITERAL_TOO_BIG));
    }

    @Test
    void aLineOverTheLimitIsDiscardedToItsEnd() {
        List<Frame> frames = feed("t1 " + "x".repeat(9000) + "\r\nt2 NOOP\r\n", FramerLimits.BEFORE_LOGIN, false);
        assertThat(frames.get(0)).isEqualTo(new Frame.Refused("t1", Frame.Reason.LINE_TOO_LONG));
        assertThat(frames).hasSize(2);
    }

    @Test
    void tooManyLiteralsBeforeLoginAreRefused() {
        List<Frame> frames = feed("t1 LOGIN {1}\r\na {1}\r\nb {1}\r\n", FramerLimits.BEFORE_LOGIN, false);
        assertThat(frames).contains(new Frame.Refused("t1", Frame.Reason.TOO_MANY_LITERALS));
    }

    @Test
    void pipelinedInputIsNoticed() {
        List<Frame> frames = feed("a STARTTLS\r\nb NOOP\r\n", FramerLimits.BEFORE_LOGIN, false);
        assertThat(((Frame.Command) frames.get(0)).pipelinedInput()).isTrue();
        assertThat(((Frame.Command) frames.get(1)).pipelinedInput()).isFalse();
    }

    @Test
    void aRefusalWithoutUsableTagGoesToStar() {
        assertThat(CommandFramer.tagOf("{}x".getBytes(StandardCharsets.US_ASCII))).isEqualTo("*");
        assertThat(CommandFramer.tagOf("abc".getBytes(StandardCharsets.US_ASCII))).isEqualTo("abc");
    }

    @Test
    void modifiedUtf7RoundTrips() {
        assertThat(ModifiedUtf7.encode("Entwürfe")).isEqualTo("Entw&APw-rfe");
        assertThat(ModifiedUtf7.decode("Entw&APw-rfe")).isEqualTo("Entwürfe");
        assertThat(ModifiedUtf7.encode("A&B")).isEqualTo("A&-B");
        assertThat(ModifiedUtf7.decode("~peter/mail/&U,BTFw-/&ZeVnLIqe-")).isEqualTo("~peter/mail/台北/日本語");
        assertThat(ModifiedUtf7.encode("~peter/mail/台北/日本語")).isEqualTo("~peter/mail/&U,BTFw-/&ZeVnLIqe-");
    }
}
