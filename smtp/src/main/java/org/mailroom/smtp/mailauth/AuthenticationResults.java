package org.mailroom.smtp.mailauth;

import java.util.ArrayList;
import java.util.List;
import org.mailroom.smtp.mailauth.dkim.DkimResult;
import org.mailroom.smtp.mailauth.dmarc.DmarcOutcome;
import org.mailroom.smtp.mailauth.spf.SpfOutcome;

/**
 * The results of SPF, DKIM and DMARC for one message, the {@code Authentication-Results} field that
 * records them (RFC 8601), and what the session is to do with the message.
 *
 * @param header the whole field, folded, ending in CRLF, to prepend to the message at delivery
 */
public record AuthenticationResults(SpfOutcome spf, List<DkimResult> dkim, DmarcOutcome dmarc, PolicyAction action,
                                    String header) {

    public static final String FIELD = "Authentication-Results";

    /**
     * RFC 8601 §2.2: {@code authserv-id; method=result ptype.property=value ...}, one resinfo per
     * line. Values that came from the message or DNS are reduced to safe characters first.
     */
    static String format(String authservId, SpfOutcome spf, List<DkimResult> dkim, DmarcOutcome dmarc) {
        List<String> parts = new ArrayList<>();
        parts.add("spf=" + spf.result().keyword() + comment(spf.reason()) + " smtp." + spf.identity() + "=" + value(spf.domain()));
        if (dkim.isEmpty()) {
            parts.add("dkim=none");
        }
        for (DkimResult r : dkim) {
            StringBuilder sb = new StringBuilder("dkim=" + r.result().keyword() + comment(r.reason()));
            if (!r.domain().isEmpty()) {
                sb.append(" header.d=").append(value(r.domain()));
            }
            if (!r.selector().isEmpty()) {
                sb.append(" header.s=").append(value(r.selector()));
            }
            if (!r.algorithm().isEmpty()) {
                sb.append(" header.a=").append(value(r.algorithm()));
            }
            if (!r.bPrefix().isEmpty()) {
                sb.append(" header.b=").append(value(r.bPrefix())); // RFC 6008
            }
            parts.add(sb.toString());
        }
        boolean decided = dmarc.result() == DmarcOutcome.Result.PASS || dmarc.result() == DmarcOutcome.Result.FAIL;
        String dmarcComment = decided ? " (p=" + dmarc.publishedPolicy().keyword() + " dis="
                + dmarc.appliedPolicy().keyword() + ")" : comment(dmarc.reason());
        parts.add("dmarc=" + dmarc.result().keyword() + dmarcComment
                + (dmarc.fromDomain().isEmpty() ? "" : " header.from=" + value(dmarc.fromDomain())));
        StringBuilder out = new StringBuilder(FIELD).append(": ").append(value(authservId)).append(';');
        for (int i = 0; i < parts.size(); i++) {
            out.append("\r\n\t").append(parts.get(i)).append(i < parts.size() - 1 ? ";" : "");
        }
        return out.append("\r\n").toString();
    }

    /** A value: a token, or a quoted string when it has other characters (RFC 8601 §2.2, RFC 2045 value). */
    static String value(String v) {
        String s = v;
        if (!s.isEmpty() && s.matches("[A-Za-z0-9.@_+=/-]+") && !s.contains("=")) {
            return s;
        }
        return "\"" + s.replaceAll("[^\\x20-\\x7e]", "?").replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static String comment(String reason) {
        if (reason == null || reason.isEmpty()) {
            return "";
        }
        String safe = reason.replaceAll("[^A-Za-z0-9 .,:@_=+/-]", "");
        if (safe.length() > 100) {
            safe = safe.substring(0, 100);
        }
        return " (" + safe + ")";
    }

    /**
     * Whether a header field line is an Authentication-Results field claiming to come from this
     * authserv-id: such a field arriving with a message is a forgery and must be removed before ours is
     * added (RFC 8601 §5).
     */
    public static boolean claimsOurs(String fieldText, String authservId) {
        int colon = fieldText.indexOf(':');
        if (colon < 0 || !fieldText.substring(0, colon).strip().equalsIgnoreCase(FIELD)) {
            return false;
        }
        String value = fieldText.substring(colon + 1).replace("\r\n", " ").replace("\n", " ").stripLeading();
        // skip leading comments, then the authserv-id up to ';' or whitespace
        while (value.startsWith("(")) {
            int close = value.indexOf(')');
            if (close < 0) {
                return false;
            }
            value = value.substring(close + 1).stripLeading();
        }
        String id = value.split("[;\\s]", 2)[0];
        if (id.startsWith("\"") && id.endsWith("\"") && id.length() >= 2) {
            id = id.substring(1, id.length() - 1);
        }
        return id.equalsIgnoreCase(authservId);
    }
}
