package org.mailroom.auth;

import java.text.Normalizer;

/**
 * The SASLprep profile (RFC 4013) as SCRAM applies it to passwords (RFC 5802 §2.2, "Normalize"):
 * non-ASCII spaces become a space (§2.1, table C.1.2), characters "commonly mapped to nothing"
 * disappear (table B.1), then NFKC (§2.2). For the printable ASCII passwords almost everyone uses
 * this changes nothing. The prohibited-output and bidi checks (§2.3, §2.4) are left out: refusing
 * a password at login would only lock its owner out, while both sides hashing the same mapped
 * string is all SCRAM needs.
 */
final class SaslPrep {

    private SaslPrep() {
    }

    static char[] prepare(char[] password) {
        boolean ascii = true;
        for (char c : password) {
            if (c >= 0x80) {
                ascii = false;
                break;
            }
        }
        if (ascii) {
            return password.clone();
        }
        StringBuilder mapped = new StringBuilder(password.length);
        for (char c : password) {
            if (isMappedToNothing(c)) {
                continue;
            }
            mapped.append(isNonAsciiSpace(c) ? ' ' : c);
        }
        return Normalizer.normalize(mapped, Normalizer.Form.NFKC).toCharArray();
    }

    /** RFC 3454 table B.1. */
    private static boolean isMappedToNothing(char c) {
        return c == 0x00AD || c == 0x034F || c == 0x1806 || (c >= 0x180B && c <= 0x180D) || c == 0x200B
                || c == 0x200C || c == 0x200D || c == 0x2060 || (c >= 0xFE00 && c <= 0xFE0F) || c == 0xFEFF;
    }

    /** RFC 3454 table C.1.2. */
    private static boolean isNonAsciiSpace(char c) {
        return c == 0x00A0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200B) || c == 0x202F || c == 0x205F
                || c == 0x3000;
    }
}
