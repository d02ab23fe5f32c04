package org.mailroom.smtp.outbound;

import java.io.IOException;
import java.io.InputStream;
import java.util.Collection;
import org.mailroom.store.EmailAddress;

/**
 * What the content and envelope of a message need from the receiving server: 8BITMIME (RFC 6152)
 * for 8-bit bytes in the body, SMTPUTF8 (RFC 6531) for non-ASCII addresses or header fields.
 */
record MessageTraits(boolean eightBitBody, boolean utf8Headers, boolean utf8Addresses) {

    boolean needsSmtpUtf8() {
        return utf8Headers || utf8Addresses;
    }

    boolean eightBit() {
        return eightBitBody || utf8Headers;
    }

    /** Reads the content once. */
    static MessageTraits scan(InputStream content, Collection<EmailAddress> addresses) throws IOException {
        boolean inHeader = true;
        boolean header8 = false;
        boolean body8 = false;
        int previous = -1;
        int beforePrevious = -1;
        byte[] buffer = new byte[16384];
        int n;
        while ((n = content.read(buffer)) > 0) {
            for (int i = 0; i < n; i++) {
                int b = buffer[i] & 0xff;
                if (inHeader) {
                    if (b >= 0x80) {
                        header8 = true;
                    }
                    // the header ends at the first empty line: LF LF or LF CR LF
                    if (b == '\n' && (previous == '\n' || (previous == '\r' && beforePrevious == '\n'))) {
                        inHeader = false;
                    }
                } else if (b >= 0x80) {
                    body8 = true;
                }
                beforePrevious = previous;
                previous = b;
            }
        }
        boolean utf8Address = addresses.stream().anyMatch(a -> !isAscii(a.toString()));
        return new MessageTraits(body8, header8, utf8Address);
    }

    private static boolean isAscii(String s) {
        return s.chars().allMatch(c -> c < 0x80);
    }
}
