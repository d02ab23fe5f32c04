package org.mailroom.e2e;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * What a mailbox must hold for a message the server received: the fields the server adds, then the
 * original octets unchanged. Matched as ISO-8859-1 text so that every octet (8-bit included) is one char.
 */
final class DeliveredCopy {

    /** RFC 5322 §3.3 date-time as the server writes it. */
    private static final String DATE = "[A-Z][a-z]{2}, \\d{1,2} [A-Z][a-z]{2} \\d{4} \\d{2}:\\d{2}:\\d{2} [+-]\\d{4}";

    /** How the message reached the server: which Received protocol, and whether it is a submission. */
    enum Via {
        /** Port 25 without TLS or AUTH: RFC 3848 "ESMTP"; the server must not touch the header. */
        MX("ESMTP", false),
        /** Submission after STARTTLS and AUTH: "ESMTPSA", with Date and Message-ID added if missing (RFC 6409 §8). */
        SUBMISSION("ESMTPSA", true);

        final String protocol;
        final boolean completesHeader;

        Via(String protocol, boolean completesHeader) {
            this.protocol = protocol;
            this.completesHeader = completesHeader;
        }
    }

    private DeliveredCopy() {
    }

    /**
     * The pattern the fetched octets must match exactly: Return-Path and Delivered-To (RFC 5321 §4.4,
     * stored with the copy), the Received trace field, then the original with, on submissions only,
     * the missing Date and Message-ID at the end of its header section.
     */
    static Pattern expected(byte[] original, String sender, String recipient, String helo, Via via) {
        String text = new String(original, StandardCharsets.ISO_8859_1);
        StringBuilder re = new StringBuilder("\\A")
                .append(Pattern.quote("Return-Path: <" + sender + ">\r\nDelivered-To: " + recipient + "\r\n"))
                .append(Pattern.quote("Received: from " + helo + " ([127.0.0.1])\r\n\tby " + RunningMailroom.HOST
                        + " with " + via.protocol + "\r\n"))
                .append(via == Via.SUBMISSION ? "\t\\(using TLSv1\\.[23] with cipher [A-Z0-9_]+\\)\r\n" : "")
                .append("\tid [^\r\n]+\r\n")
                .append(Pattern.quote("\tfor <" + recipient + ">;\r\n"))
                .append('\t').append(DATE).append("\r\n");
        int headerEnd = headerEnd(text);
        re.append(Pattern.quote(text.substring(0, headerEnd)));
        if (via.completesHeader) {
            String header = text.substring(0, headerEnd);
            if (!hasField(header, "Date")) {
                re.append("Date: ").append(DATE).append("\r\n");
            }
            if (!hasField(header, "Message-ID")) {
                re.append("Message-ID: <[0-9a-f-]{36}@").append(Pattern.quote(RunningMailroom.HOST)).append(">\r\n");
            }
        }
        re.append(Pattern.quote(text.substring(headerEnd))).append("\\z");
        return Pattern.compile(re.toString());
    }

    /** Where the header section ends: before the empty line, or at the end of a message that is all header. */
    static int headerEnd(String text) {
        if (text.startsWith("\r\n")) {
            return 0;
        }
        int blank = text.indexOf("\r\n\r\n");
        return blank < 0 ? text.length() : blank + 2;
    }

    static boolean hasField(String header, String name) {
        return Pattern.compile("(?im)^" + Pattern.quote(name) + "[ \t]*:").matcher(header).find();
    }

    static String latin1(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }
}
