package org.mailroom.smtp.outbound;

import java.nio.charset.StandardCharsets;

/** The xtext encoding of RFC 3461 §4 for ENVID and ORCPT values. */
final class Xtext {

    private Xtext() {
    }

    /**
     * Encodes every character outside {@code !} to {@code ~}, and {@code +} and {@code =}, as
     * {@code +XX} (the bytes of its UTF-8 form).
     */
    static String encode(String text) {
        StringBuilder out = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c < 33 || c > 126 || c == '+' || c == '=') {
                out.append('+').append(String.format("%02X", c));
            } else {
                out.append((char) c);
            }
        }
        return out.toString();
    }

    /**
     * Decodes {@code +XX}; a {@code +} not followed by two upper-case hex digits is kept as it is, so
     * a value that was never encoded (the delivery agent writes {@code rfc822;alias+tag@domain})
     * survives unchanged.
     */
    static String decode(String text) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        int i = 0;
        while (i < text.length()) {
            if (text.charAt(i) == '+' && i + 2 < text.length() && isHex(text.charAt(i + 1)) && isHex(text.charAt(i + 2))) {
                out.write(Integer.parseInt(text.substring(i + 1, i + 3), 16));
                i += 3;
            } else {
                int cp = text.codePointAt(i);
                out.writeBytes(new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8));
                i += Character.charCount(cp);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F');
    }
}
