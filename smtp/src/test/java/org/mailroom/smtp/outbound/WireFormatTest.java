package org.mailroom.smtp.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The byte-level pieces of the client: dot-stuffing, xtext and reply status codes. */
class WireFormatTest {

    private static String stuffed(String content, boolean byteAtATime) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DotStuffingOutputStream s = new DotStuffingOutputStream(out);
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        if (byteAtATime) {
            for (byte b : bytes) {
                s.write(b);
            }
        } else {
            s.write(bytes);
        }
        s.finish();
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void dotsAtLineStartsAreDoubledWhetherWrittenAtOnceOrByteByByte() throws IOException {
        String content = ".first\r\nmid.dle\r\n.\r\n..\r\nend\r\n";
        String expected = "..first\r\nmid.dle\r\n..\r\n...\r\nend\r\n.\r\n";

        assertThat(stuffed(content, false)).isEqualTo(expected);
        assertThat(stuffed(content, true)).isEqualTo(expected);
    }

    @Test
    void noBareCrOrLfReachesTheWireSoNoEndOfDataCanBeSmuggled() throws IOException {
        assertThat(stuffed("a\n.\nb\r.\rc\r\n\r\n.\r", true)).isEqualTo("a\r\n..\r\nb\r\n..\r\nc\r\n\r\n..\r\n.\r\n");
    }

    @Test
    void emptyContentIsJustTheFinalDot() throws IOException {
        assertThat(stuffed("", false)).isEqualTo(".\r\n");
    }

    @Test
    void xtextEncodesPlusEqualsAndNonPrintables() {
        assertThat(Xtext.encode("a+b=c d\u00e9")).isEqualTo("a+2Bb+3Dc+20d+C3+A9");
        assertThat(Xtext.decode("a+2Bb+3Dc+20d+C3+A9")).isEqualTo("a+b=c d\u00e9");
        assertThat(Xtext.decode("alias+tag@example.org")).as("never encoded").isEqualTo("alias+tag@example.org");
    }

    @Test
    void orcptKeepsItsTypeAndIsEncodedOnce() {
        assertThat(RemoteDelivery.orcpt("rfc822;a+2Bb@example.org")).isEqualTo("rfc822;a+2Bb@example.org");
        assertThat(RemoteDelivery.orcpt("rfc822;a+tag@example.org")).isEqualTo("rfc822;a+2Btag@example.org");
        assertThat(DsnWriter.originalRecipient("rfc822;a+2Bb@example.org")).isEqualTo("rfc822;a+b@example.org");
    }

    @Test
    void theEnhancedStatusComesFromTheReplyOrItsClass() {
        assertThat(new SmtpReply(550, List.of("5.1.1 unknown")).status()).isEqualTo("5.1.1");
        assertThat(new SmtpReply(550, List.of("4.1.1 wrong class")).status()).isEqualTo("5.0.0");
        assertThat(new SmtpReply(451, List.of("try later")).status()).isEqualTo("4.0.0");
        assertThat(new SmtpReply(250, List.of("ok")).status()).isEqualTo("2.0.0");
    }

    @Test
    void capabilitiesAreReadFromTheEhloLines() {
        Capabilities c = Capabilities.of(new SmtpReply(250, List.of("mx.test greets you", "SIZE 1000", "auth plain login",
                "PIPELINING", "STARTTLS", "LIMITS MAILMAX=5 RCPTMAX=20")));

        assertThat(c.maxSize()).isEqualTo(1000);
        assertThat(c.authMechanisms()).containsExactlyInAnyOrder("PLAIN", "LOGIN");
        assertThat(c.has("PIPELINING")).isTrue();
        assertThat(c.rcptMax()).isEqualTo(20);
        assertThat(c.has("MX.TEST")).as("the greeting line is no keyword").isFalse();
    }
}
