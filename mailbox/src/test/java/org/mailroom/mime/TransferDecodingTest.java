package org.mailroom.mime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeUtility;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

class TransferDecodingTest {

    private static byte[] decode(String encoded, String encoding) throws IOException {
        return decode(encoded.getBytes(StandardCharsets.ISO_8859_1), encoding);
    }

    private static byte[] decode(byte[] encoded, String encoding) throws IOException {
        try (InputStream in = TransferDecoding.decode(new ByteArrayInputStream(encoded), encoding)) {
            return in.readAllBytes();
        }
    }

    private static byte[] jakartaEncode(byte[] data, String encoding) throws IOException, MessagingException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream enc = MimeUtility.encode(out, encoding)) {
            enc.write(data);
        }
        return out.toByteArray();
    }

    private static long counted(byte[] encoded, String encoding) {
        TransferDecoding.Decoder d = TransferDecoding.decoder(encoding);
        TransferDecoding.CountingSink sink = new TransferDecoding.CountingSink();
        for (byte b : encoded) {
            d.write(new byte[] {b}, 0, 1, sink);
        }
        d.finish(sink);
        return sink.count;
    }

    @RepeatedTest(20)
    void whatJakartaEncodesInBase64DecodesBackExactlyAndTheCountAgrees() throws Exception {
        Random r = new Random();
        byte[] data = new byte[r.nextInt(3000)];
        r.nextBytes(data);
        byte[] encoded = jakartaEncode(data, "base64");
        assertThat(decode(encoded, "base64")).isEqualTo(data);
        assertThat(counted(encoded, "base64")).isEqualTo(data.length);
    }

    /** Quoted-printable is for text: its line breaks are CRLF (RFC 2045 §6.7 rule 4). */
    @RepeatedTest(20)
    void whatJakartaEncodesInQuotedPrintableDecodesBackExactlyAndTheCountAgrees() throws Exception {
        Random r = new Random();
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        int n = r.nextInt(3000);
        for (int i = 0; i < n; i++) {
            int k = r.nextInt(10);
            if (k == 0) {
                text.write('\r');
                text.write('\n');
            } else if (k == 1) {
                text.write(" \t=".charAt(r.nextInt(3)));
            } else {
                int c = r.nextInt(256);
                text.write(c == '\r' || c == '\n' ? 'x' : c);
            }
        }
        byte[] data = text.toByteArray();
        byte[] encoded = jakartaEncode(data, "quoted-printable");
        assertThat(decode(encoded, "quoted-printable")).isEqualTo(data);
        assertThat(counted(encoded, "quoted-printable")).isEqualTo(data.length);
    }

    @Test
    void identityEncodingsPassThrough() throws IOException {
        for (String e : new String[] {null, "", "7bit", " 8BIT ", "Binary"}) {
            assertThat(TransferDecoding.isIdentity(e)).isTrue();
            assertThat(decode("a=20b", e)).isEqualTo("a=20b".getBytes(StandardCharsets.US_ASCII));
        }
    }

    @Test
    void unknownEncodingIsRefused() {
        assertThat(TransferDecoding.isKnown("x-uuencode")).isFalse();
        assertThatThrownBy(() -> TransferDecoding.decode(new ByteArrayInputStream(new byte[0]), "x-uuencode"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void base64SkipsCharactersOutsideTheAlphabetAndHandlesPadding() throws IOException {
        assertThat(new String(decode("aGVs\r\nbG8g*!\r\nd29y bGQ=", "base64"), StandardCharsets.US_ASCII)).isEqualTo("hello world");
        assertThat(new String(decode("YQ==", "BASE64"), StandardCharsets.US_ASCII)).isEqualTo("a");
        assertThat(new String(decode("YWI=", "base64"), StandardCharsets.US_ASCII)).isEqualTo("ab");
        assertThat(new String(decode("YQ==YWI=", "base64"), StandardCharsets.US_ASCII)).isEqualTo("aab");
        assertThat(new String(decode("YWI", "base64"), StandardCharsets.US_ASCII)).isEqualTo("ab");
        assertThat(decode("Y", "base64")).isEmpty();
    }

    @Test
    void quotedPrintableKeepsMalformedEscapesAndDropsTrailingWhitespace() throws IOException {
        assertThat(new String(decode("a=zzb=4", "quoted-printable"), StandardCharsets.US_ASCII)).isEqualTo("a=zzb=4");
        assertThat(new String(decode("a = b", "quoted-printable"), StandardCharsets.US_ASCII)).isEqualTo("a = b");
        assertThat(new String(decode("end  \r\nnext\t\nlast  ", "quoted-printable"), StandardCharsets.US_ASCII))
                .isEqualTo("end\r\nnext\nlast");
        assertThat(new String(decode("soft=  \r\nbreak=\nhere=", "quoted-printable"), StandardCharsets.US_ASCII))
                .isEqualTo("softbreakhere");
        assertThat(new String(decode("bare\rcr =\rx", "quoted-printable"), StandardCharsets.US_ASCII)).isEqualTo("bare\rcr =\rx");
        assertThat(new String(decode("=3d=3D=e9", "quoted-printable"), StandardCharsets.ISO_8859_1)).isEqualTo("==é");
    }

    @Test
    void decoderStreamReadsSingleBytesAndArraysAlike() throws IOException {
        byte[] encoded = "SGVsbG8sIFdvcmxkIQ==".getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (InputStream in = TransferDecoding.decode(new ByteArrayInputStream(encoded), "base64")) {
            int c;
            while ((c = in.read()) >= 0) {
                out.write(c);
            }
        }
        assertThat(out.toString(StandardCharsets.US_ASCII)).isEqualTo("Hello, World!");
    }
}
