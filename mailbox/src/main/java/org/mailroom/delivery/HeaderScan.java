package org.mailroom.delivery;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * What the delivery agent needs from a message's top-level header for loop detection: the number of
 * {@code Received} fields and the {@code Delivered-To} addresses. Reads only the header, line by line,
 * with a cap, so a huge or headerless message costs nothing.
 */
record HeaderScan(int receivedCount, Set<String> deliveredTo) {

    private static final int MAX_HEADER_BYTES = 1 << 20;

    static HeaderScan of(InputStream in) throws IOException {
        int received = 0;
        Set<String> deliveredTo = new HashSet<>();
        StringBuilder line = new StringBuilder();
        int total = 0;
        int b;
        while ((b = in.read()) >= 0 && total++ < MAX_HEADER_BYTES) {
            if (b == '\n') {
                String l = line.toString();
                line.setLength(0);
                if (l.isEmpty()) {
                    break;
                }
                String lower = l.toLowerCase(Locale.ROOT);
                if (lower.startsWith("received:")) {
                    received++;
                } else if (lower.startsWith("delivered-to:")) {
                    deliveredTo.add(lower.substring("delivered-to:".length()).trim());
                }
            } else if (b != '\r') {
                line.append((char) b);
            }
        }
        return new HeaderScan(received, deliveredTo);
    }

    static byte[] prefix(String returnPath, String deliveredTo) {
        return ("Return-Path: <" + returnPath + ">\r\nDelivered-To: " + deliveredTo + "\r\n")
                .getBytes(StandardCharsets.UTF_8);
    }
}
