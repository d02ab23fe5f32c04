package org.mailroom.bench;

import java.nio.charset.StandardCharsets;

/** Test messages: RFC 5322 headers and a plain-text body of lines that never start with a dot. */
final class Messages {

    private static final String LINE =
            "The quick brown fox jumps over the lazy dog while the benchmark keeps counting.\r\n";

    private Messages() {
    }

    /** A message whose body has about {@code bodyBytes} bytes (4096 for the 4 KB messages). */
    static byte[] of(String from, String to, String subject, int bodyBytes, long serial) {
        StringBuilder sb = new StringBuilder(bodyBytes + 400);
        sb.append("From: <").append(from).append(">\r\n")
                .append("To: <").append(to).append(">\r\n")
                .append("Subject: ").append(subject).append("\r\n")
                .append("Date: Fri, 4 Dec 2026 12:00:00 +0000\r\n")
                .append("Message-ID: <bench.").append(serial).append('.').append(System.nanoTime())
                .append("@loadgen.test>\r\n")
                .append("MIME-Version: 1.0\r\n")
                .append("Content-Type: text/plain; charset=us-ascii\r\n")
                .append("\r\n");
        int body = 0;
        while (body + LINE.length() <= bodyBytes) {
            sb.append(LINE);
            body += LINE.length();
        }
        if (body < bodyBytes) {
            sb.append("x".repeat(Math.max(0, bodyBytes - body - 2))).append("\r\n");
        }
        return sb.toString().getBytes(StandardCharsets.US_ASCII);
    }
}
