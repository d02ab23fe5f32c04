package org.mailroom.imap.fetch;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.mailroom.mime.MessageStructure;
import org.mailroom.mime.MimePart;
import org.mailroom.store.UserMailboxes;

/**
 * The PREVIEW of a message (RFC 8970 §3.3): plain UTF-8 text from its first text part, text/plain
 * preferred over text/html, attachments skipped; decoded from its transfer encoding and charset, HTML
 * markup removed, white space folded, at most {@link #MAX_CHARS} characters.
 *
 * <p>Computed on demand rather than stored at delivery: it needs no schema change and costs nothing for
 * the many messages nobody previews, and reading is bounded — the part is found in the structure
 * stored at delivery (no parsing of the message) and at most {@link #MAX_READ} octets of it are read.
 * That is quick enough that PREVIEW (LAZY) gets the same answer (§4.1 allows NIL; it is never needed).
 */
final class Preview {

    /** RFC 8970 §3.3: SHOULD be at most 200 characters, MUST NOT be more than 256. */
    static final int MAX_CHARS = 200;

    /** Decoded octets read from the part: enough for 200 characters even under heavy HTML. */
    static final int MAX_READ = 16 * 1024;

    private static final Pattern SCRIPT_OR_STYLE = Pattern.compile("(?is)<(script|style)\\b.*?(</\\1\\s*>|$)");
    private static final Pattern COMMENT = Pattern.compile("(?s)<!--.*?(-->|$)");
    private static final Pattern TAG = Pattern.compile("(?s)<[^>]*(>|$)");
    private static final Pattern SPACE = Pattern.compile("[\\s\\u00a0]+");
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}\\p{Cf}&&[^\\s]]");

    private Preview() {
    }

    /** The preview, or "" when the message has no text to show (§3.2). */
    static String of(MessageStructure st, UserMailboxes store, long mailboxId, long uid) {
        MimePart part = find(st.root(), "plain");
        boolean html = false;
        if (part == null) {
            part = find(st.root(), "html");
            html = part != null;
        }
        if (part == null || part.decodedSize() < 0) {
            return "";
        }
        String text = decode(part, store, mailboxId, uid);
        if (html) {
            text = stripHtml(text);
        }
        return clip(SPACE.matcher(CONTROL.matcher(text).replaceAll("")).replaceAll(" ").strip());
    }

    /** The first text/{subtype} leaf, depth first, that is not an attachment; embedded messages are not entered. */
    static MimePart find(MimePart p, String subtype) {
        if (p.isMultipart()) {
            for (MimePart child : p.children()) {
                MimePart found = find(child, subtype);
                if (found != null) {
                    return found;
                }
            }
            return null;
        }
        boolean attachment = p.disposition() != null && p.disposition().type().equalsIgnoreCase("attachment");
        return !p.isEmbeddedMessage() && !attachment && p.type().is("text", subtype) ? p : null;
    }

    private static String decode(MimePart part, UserMailboxes store, long mailboxId, long uid) {
        byte[] bytes;
        try (InputStream in = SectionContent.decoded(store, mailboxId, uid, part)) {
            bytes = in.readNBytes(MAX_READ);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new String(bytes, charset(part));
    }

    private static Charset charset(MimePart part) {
        String name = part.type().parameters().get("charset").orElse("us-ascii");
        try {
            Charset cs = Charset.forName(name);
            // US-ASCII would turn stray 8-bit octets into U+FFFD; UTF-8 reads ASCII the same and keeps them.
            return cs.equals(StandardCharsets.US_ASCII) ? StandardCharsets.UTF_8 : cs;
        } catch (RuntimeException e) {
            return StandardCharsets.UTF_8;
        }
    }

    static String stripHtml(String html) {
        String s = SCRIPT_OR_STYLE.matcher(html).replaceAll(" ");
        s = COMMENT.matcher(s).replaceAll(" ");
        s = TAG.matcher(s).replaceAll(" ");
        return entities(s);
    }

    /** The character references a preview is likely to meet (HTML named ones in common use, and numeric ones). */
    private static String entities(String s) {
        if (s.indexOf('&') < 0) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length());
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            int semi = c == '&' ? s.indexOf(';', i) : -1;
            if (semi > i + 1 && semi - i <= 10) {
                String name = s.substring(i + 1, semi);
                String value = entity(name);
                if (value != null) {
                    out.append(value);
                    i = semi + 1;
                    continue;
                }
            }
            out.append(c);
            i++;
        }
        return out.toString();
    }

    private static String entity(String name) {
        if (name.startsWith("#")) {
            try {
                int cp = name.length() > 1 && (name.charAt(1) == 'x' || name.charAt(1) == 'X')
                        ? Integer.parseInt(name.substring(2), 16) : Integer.parseInt(name.substring(1));
                return Character.isValidCodePoint(cp) && cp != 0 ? new String(Character.toChars(cp)) : null;
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return switch (name) {
            case "amp" -> "&";
            case "lt" -> "<";
            case "gt" -> ">";
            case "quot" -> "\"";
            case "apos" -> "'";
            case "nbsp" -> " ";
            default -> null;
        };
    }

    /** At most {@link #MAX_CHARS} code points, never splitting a surrogate pair. */
    static String clip(String s) {
        if (s.codePointCount(0, s.length()) <= MAX_CHARS) {
            return s;
        }
        return s.substring(0, s.offsetByCodePoints(0, MAX_CHARS)).stripTrailing();
    }
}
