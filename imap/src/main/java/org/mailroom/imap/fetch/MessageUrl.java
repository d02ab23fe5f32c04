package org.mailroom.imap.fetch;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.OptionalLong;
import org.mailroom.imap.protocol.CommandReader;
import org.mailroom.imap.session.Dialect;
import org.mailroom.store.MailboxName;

/**
 * A relative IMAP URL naming one of the user's own messages or a part of it, the only kind CATENATE
 * takes (RFC 4469 §3): {@code "/" enc-mailbox [";UIDVALIDITY=" nz-number] "/;UID=" nz-number
 * ["/;SECTION=" enc-section] ["/;PARTIAL=" number ["." nz-number]]} (RFC 5092 formal syntax,
 * iabsolute-path and imessagepart). Key names are case-insensitive; the mailbox and section are
 * %-encoded UTF-8 (RFC 5092, which replaced RFC 2192's modified UTF-7). URLs with a scheme or a server,
 * and URLAUTH, are outside RFC 4469 and not accepted.
 *
 * @param partialLength -1 when the range has no length (to the end)
 */
public record MessageUrl(MailboxName mailbox, OptionalLong uidValidity, long uid, Section section,
                         long partialOffset, long partialLength) {

    private static final Dialect UTF8 = new Dialect(true);

    /** @throws IllegalArgumentException if {@code url} is not such a URL */
    public static MessageUrl parse(String url) {
        if (!url.startsWith("/") || url.startsWith("//")) {
            throw new IllegalArgumentException("not a server-relative URL");
        }
        int semi = url.indexOf(';');
        if (semi < 0) {
            throw new IllegalArgumentException("no UID");
        }
        String encodedMailbox = url.substring(1, semi);
        if (encodedMailbox.endsWith("/")) {
            encodedMailbox = encodedMailbox.substring(0, encodedMailbox.length() - 1);
        }
        if (encodedMailbox.isEmpty()) {
            throw new IllegalArgumentException("no mailbox");
        }
        MailboxName mailbox;
        try {
            mailbox = UTF8.mailbox(percentDecode(encodedMailbox));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("bad mailbox name");
        }
        String[] keys = url.substring(semi + 1).split("/;", -1);
        int i = 0;
        OptionalLong uidValidity = OptionalLong.empty();
        if (value(keys, i, "UIDVALIDITY") != null) {
            uidValidity = OptionalLong.of(nzNumber(value(keys, i++, "UIDVALIDITY")));
        }
        String uid = value(keys, i++, "UID");
        if (uid == null) {
            throw new IllegalArgumentException("no UID");
        }
        Section section = Section.WHOLE;
        if (value(keys, i, "SECTION") != null) {
            section = section(percentDecode(value(keys, i++, "SECTION")));
        }
        long offset = -1;
        long length = -1;
        String partial = value(keys, i, "PARTIAL");
        if (partial != null) {
            i++;
            int dot = partial.indexOf('.');
            offset = number(dot < 0 ? partial : partial.substring(0, dot));
            length = dot < 0 ? -1 : nzNumber(partial.substring(dot + 1));
        }
        if (i != keys.length) {
            throw new IllegalArgumentException("unexpected URL component");
        }
        return new MessageUrl(mailbox, uidValidity, nzNumber(uid), section, offset, length);
    }

    /** The value of {@code keys[i]} if it is {@code ;NAME=value}, else null. */
    private static String value(String[] keys, int i, String name) {
        if (i >= keys.length) {
            return null;
        }
        String k = keys[i];
        String prefix = name + "=";
        if (k.length() > prefix.length() && k.substring(0, prefix.length()).toUpperCase(Locale.ROOT).equals(prefix)) {
            return k.substring(prefix.length());
        }
        return null;
    }

    private static Section section(String text) {
        try {
            CommandReader r = CommandReader.of("[" + text + "]");
            Section s = Section.read(r, false);
            r.end();
            return s;
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("bad section");
        }
    }

    private static long number(String s) {
        if (s.isEmpty() || s.length() > 10 || !s.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("bad number");
        }
        long n = Long.parseLong(s);
        if (n > 0xffffffffL) {
            throw new IllegalArgumentException("number out of range");
        }
        return n;
    }

    private static long nzNumber(String s) {
        long n = number(s);
        if (n == 0) {
            throw new IllegalArgumentException("zero");
        }
        return n;
    }

    /** RFC 3986 §2.1 percent-decoding, then UTF-8 (RFC 5092). */
    static String percentDecode(String s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%') {
                if (i + 2 >= s.length()) {
                    throw new IllegalArgumentException("bad %-escape");
                }
                int hi = Character.digit(s.charAt(i + 1), 16);
                int lo = Character.digit(s.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    throw new IllegalArgumentException("bad %-escape");
                }
                out.write(hi * 16 + lo);
                i += 2;
            } else if (c > 0x7e || c < 0x21) {
                throw new IllegalArgumentException("character not allowed in a URL");
            } else {
                out.write(c);
            }
        }
        return new String(out.toByteArray(), StandardCharsets.UTF_8);
    }
}
