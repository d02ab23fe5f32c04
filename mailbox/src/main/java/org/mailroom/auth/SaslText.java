package org.mailroom.auth;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/** Strict UTF-8 decoding of SASL fields (RFC 4422 §3.5: strings are UTF-8), passwords into char arrays. */
final class SaslText {

    /** Longest client response any mechanism here accepts; real ones are well under 1 KiB. */
    static final int MAX_RESPONSE = 8192;

    private SaslText() {
    }

    /** The bytes as UTF-8, or empty when they are not valid UTF-8. */
    static Optional<String> string(byte[] data, int from, int to) {
        return chars(data, from, to).map(c -> {
            String s = new String(c);
            Arrays.fill(c, '\0');
            return s;
        });
    }

    /** For secrets: a char array the caller can wipe, never an interned or lingering String. */
    static Optional<char[]> chars(byte[] data, int from, int to) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            CharBuffer decoded = decoder.decode(ByteBuffer.wrap(data, from, to - from));
            char[] out = new char[decoded.remaining()];
            decoded.get(out);
            if (decoded.hasArray()) {
                Arrays.fill(decoded.array(), '\0');
            }
            return Optional.of(out);
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    static int indexOf(byte[] data, byte b, int from) {
        for (int i = from; i < data.length; i++) {
            if (data[i] == b) {
                return i;
            }
        }
        return -1;
    }
}
