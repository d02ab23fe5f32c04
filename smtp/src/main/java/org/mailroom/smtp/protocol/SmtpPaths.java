package org.mailroom.smtp.protocol;

import java.util.Optional;
import org.mailroom.store.EmailAddress;

/**
 * Parsing of the {@code FROM:<path> params} and {@code TO:<path> params} arguments (RFC 5321 §4.1.2).
 * Lenient where harmless and common (a space after the colon), strict about the brackets.
 */
public final class SmtpPaths {

    /** A parsed path and the parameters after it; {@code address} is empty for the null path {@code <>}. */
    public record Parsed(Optional<EmailAddress> address, String rawAddress, EsmtpParameters parameters) {
    }

    private SmtpPaths() {
    }

    /**
     * @param args the argument after the verb, e.g. {@code FROM:<a@b> SIZE=10}
     * @param keyword {@code FROM} or {@code TO}
     * @param postmasterAllowed whether the bare {@code <postmaster>} is allowed (RCPT only)
     */
    public static Parsed parse(String args, String keyword, String usage, boolean postmasterAllowed)
            throws SyntaxException {
        String a = args.stripLeading();
        if (a.length() < keyword.length() + 1 || !a.regionMatches(true, 0, keyword + ":", 0, keyword.length() + 1)) {
            throw SyntaxException.of(501, "5.5.4", "Syntax: " + usage);
        }
        String rest = a.substring(keyword.length() + 1).stripLeading();
        if (!rest.startsWith("<")) {
            throw SyntaxException.of(501, "5.5.4", "Syntax: " + usage);
        }
        int close = closingBracket(rest);
        if (close < 0) {
            throw SyntaxException.of(501, "5.5.4", "Syntax: " + usage);
        }
        String inner = rest.substring(1, close);
        String after = rest.substring(close + 1);
        if (!after.isEmpty() && !after.startsWith(" ")) {
            throw SyntaxException.of(501, "5.5.4", "Syntax: " + usage);
        }
        EsmtpParameters params = EsmtpParameters.parse(after);
        inner = withoutSourceRoute(inner);
        if (inner.isEmpty()) {
            return new Parsed(Optional.empty(), "", params);
        }
        if (postmasterAllowed && inner.equalsIgnoreCase("postmaster")) {
            // RFC 5321 §4.5.1: RCPT TO:<Postmaster> without a domain must be accepted.
            return new Parsed(Optional.empty(), inner, params);
        }
        try {
            return new Parsed(Optional.of(EmailAddress.parse(inner)), inner, params);
        } catch (IllegalArgumentException e) {
            throw SyntaxException.of(501, "5.1.3", "Bad address syntax");
        }
    }

    /** RFC 5321 §4.1.1.3 and Appendix C: a source route {@code @a,@b:} must be accepted and ignored. */
    private static String withoutSourceRoute(String inner) {
        if (inner.startsWith("@")) {
            int colon = inner.indexOf(':');
            return colon < 0 ? inner : inner.substring(colon + 1);
        }
        return inner;
    }

    /** The index of the '>' closing the path, skipping quoted strings and escapes; -1 if none. */
    private static int closingBracket(String s) {
        boolean quoted = false;
        for (int i = 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && quoted) {
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == '>' && !quoted) {
                return i;
            }
        }
        return -1;
    }

    public static boolean isAscii(String s) {
        return s.chars().allMatch(c -> c < 0x80);
    }
}
