package org.mailroom.imap.protocol;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** IMAP's modified UTF-7 for mailbox names of IMAP4rev1 clients (RFC 3501 §5.1.3). */
public final class ModifiedUtf7 {

    private static final Base64.Encoder ENCODER = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getDecoder();

    private ModifiedUtf7() {
    }

    public static String encode(String s) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c >= 0x20 && c <= 0x7e) {
                out.append(c == '&' ? "&-" : String.valueOf(c));
                i++;
                continue;
            }
            int j = i;
            while (j < s.length() && (s.charAt(j) < 0x20 || s.charAt(j) > 0x7e)) {
                j++;
            }
            byte[] utf16 = s.substring(i, j).getBytes(StandardCharsets.UTF_16BE);
            out.append('&').append(ENCODER.encodeToString(utf16).replace('/', ',')).append('-');
            i = j;
        }
        return out.toString();
    }

    /** @throws SyntaxError if {@code s} is not valid modified UTF-7 */
    public static String decode(String s) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c > 0x7e) {
                throw new SyntaxError("mailbox name is not in modified UTF-7");
            }
            if (c != '&') {
                out.append(c);
                i++;
                continue;
            }
            int end = s.indexOf('-', i + 1);
            if (end < 0) {
                throw new SyntaxError("unterminated modified UTF-7 in mailbox name");
            }
            if (end == i + 1) {
                out.append('&');
            } else {
                try {
                    byte[] utf16 = DECODER.decode(s.substring(i + 1, end).replace(',', '/'));
                    if (utf16.length % 2 != 0) {
                        throw new SyntaxError("bad modified UTF-7 in mailbox name");
                    }
                    out.append(StandardCharsets.UTF_16BE.decode(ByteBuffer.wrap(utf16)));
                } catch (IllegalArgumentException e) {
                    throw new SyntaxError("bad modified UTF-7 in mailbox name");
                }
            }
            i = end + 1;
        }
        return out.toString();
    }
}
