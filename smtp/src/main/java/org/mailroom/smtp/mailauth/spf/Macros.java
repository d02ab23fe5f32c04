package org.mailroom.smtp.mailauth.spf;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/** Macro expansion (RFC 7208 §7). A syntax error is a permerror (§7.1). */
final class Macros {

    private static final String DELIMITERS = ".-+,/_=";

    private Macros() {
    }

    /**
     * @param explanation whether this is the text of an exp= record, where c, r and t are allowed
     *     (§7.2) and the result is not a domain name
     */
    static String expand(String spec, MacroContext ctx, boolean explanation) throws SpfAbort {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < spec.length(); i++) {
            char c = spec.charAt(i);
            if (c != '%') {
                if (!explanation && (c < 0x21 || c > 0x7e)) {
                    throw new SpfAbort(SpfResult.PERMERROR, "bad character in domain-spec");
                }
                out.append(c);
                continue;
            }
            if (++i >= spec.length()) {
                throw new SpfAbort(SpfResult.PERMERROR, "'%' at the end of a macro string");
            }
            char next = spec.charAt(i);
            switch (next) {
                case '%' -> out.append('%');
                case '_' -> out.append(' ');
                case '-' -> out.append("%20");
                case '{' -> {
                    int close = spec.indexOf('}', i);
                    if (close < 0) {
                        throw new SpfAbort(SpfResult.PERMERROR, "unclosed macro");
                    }
                    out.append(macro(spec.substring(i + 1, close), ctx, explanation));
                    i = close;
                }
                default -> throw new SpfAbort(SpfResult.PERMERROR, "bad macro escape %" + next);
            }
        }
        String s = out.toString();
        return explanation ? s : truncate(s);
    }

    /** Whether the (syntactically valid) macro-string's last element is a macro-expand (§7.1 domain-end). */
    static boolean endsWithMacro(String spec) {
        boolean macro = false;
        for (int i = 0; i < spec.length(); i++) {
            if (spec.charAt(i) != '%') {
                macro = false;
            } else if (spec.charAt(i + 1) == '{') {
                i = spec.indexOf('}', i);
                macro = true;
            } else {
                i++; // %%, %_ or %-
                macro = true;
            }
        }
        return macro;
    }

    /** §7.3: a domain longer than 253 characters loses labels from the left until it fits. */
    private static String truncate(String domain) {
        String d = domain;
        while (d.length() > 253 && d.indexOf('.') >= 0) {
            d = d.substring(d.indexOf('.') + 1);
        }
        return d;
    }

    private static String macro(String body, MacroContext ctx, boolean explanation) throws SpfAbort {
        if (body.isEmpty()) {
            throw new SpfAbort(SpfResult.PERMERROR, "empty macro");
        }
        char letter = body.charAt(0);
        boolean escape = Character.isUpperCase(letter);
        String value = switch (Character.toLowerCase(letter)) {
            case 's' -> ctx.sender();
            case 'l' -> ctx.localPart();
            case 'o' -> ctx.senderDomain();
            case 'd' -> ctx.domain();
            case 'i' -> dotted(ctx);
            case 'p' -> ctx.validatedName().get();
            case 'v' -> ctx.ipv4() ? "in-addr" : "ip6";
            case 'h' -> ctx.helo();
            case 'c', 'r', 't' -> {
                if (!explanation) {
                    throw new SpfAbort(SpfResult.PERMERROR, "macro %{" + letter + "} outside exp"); // §7.2
                }
                yield switch (Character.toLowerCase(letter)) {
                    case 'c' -> readable(ctx.ip());
                    case 'r' -> ctx.receiver();
                    default -> Long.toString(ctx.timestamp());
                };
            }
            default -> throw new SpfAbort(SpfResult.PERMERROR, "unknown macro letter " + letter);
        };
        int i = 1;
        int digitsStart = i;
        while (i < body.length() && Character.isDigit(body.charAt(i))) {
            i++;
        }
        int keep = Integer.MAX_VALUE;
        if (i > digitsStart) {
            String digits = body.substring(digitsStart, i);
            keep = digits.length() > 3 ? Integer.MAX_VALUE : Integer.parseInt(digits);
            if (keep == 0) {
                throw new SpfAbort(SpfResult.PERMERROR, "zero digits transformer"); // §7.1
            }
        }
        boolean reverse = false;
        if (i < body.length() && (body.charAt(i) == 'r' || body.charAt(i) == 'R')) {
            reverse = true;
            i++;
        }
        String delimiters = body.substring(i);
        for (char d : delimiters.toCharArray()) {
            if (DELIMITERS.indexOf(d) < 0) {
                throw new SpfAbort(SpfResult.PERMERROR, "bad macro delimiter " + d);
            }
        }
        if (delimiters.isEmpty()) {
            delimiters = ".";
        }
        // §7.3: split on the delimiters, reverse if asked, keep the rightmost N parts, join with dots.
        List<String> parts = new ArrayList<>(Arrays.asList(value.split("[" + java.util.regex.Pattern.quote(delimiters) + "]", -1)));
        if (reverse) {
            Collections.reverse(parts);
        }
        if (keep < parts.size()) {
            parts = parts.subList(parts.size() - keep, parts.size());
        }
        String result = String.join(".", parts);
        return escape ? urlEscape(result) : result;
    }

    /** The i macro: dotted-quad for IPv4, dot-separated nibbles for IPv6 (§7.3). */
    private static String dotted(MacroContext ctx) {
        if (ctx.ip() instanceof Inet4Address) {
            return ctx.ip().getHostAddress();
        }
        StringBuilder sb = new StringBuilder();
        for (byte b : ctx.ip().getAddress()) {
            sb.append(Character.forDigit((b >> 4) & 0xf, 16)).append('.').append(Character.forDigit(b & 0xf, 16)).append('.');
        }
        return sb.substring(0, sb.length() - 1);
    }

    /**
     * The c macro (§7.3): "the SMTP client IP (easily readable format)": dotted quad, or for IPv6 the
     * RFC 5952 text form (lower case, the longest run of two or more zero groups written "::").
     */
    static String readable(InetAddress ip) {
        if (ip instanceof Inet4Address) {
            return ip.getHostAddress();
        }
        byte[] b = ip.getAddress();
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; i++) {
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = Math.max(i, j);
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLength - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(groups[i]));
        }
        return sb.toString();
    }

    /** Uppercase macro letters are URL-escaped (§7.3, RFC 3986 unreserved characters kept). */
    private static String urlEscape(String s) {
        StringBuilder sb = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || "-._~".indexOf(c) >= 0) {
                sb.append(c);
            } else {
                sb.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return sb.toString();
    }
}
