package org.mailroom.imap.sort;

import jakarta.mail.internet.MailDateFormat;
import java.text.ParsePosition;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.Locale;
import java.util.Map;

/**
 * The sent date of RFC 5256 §2.2: the Date header in UTC, or the internal date when the header is
 * missing or cannot be parsed. The RFC 5322 §3.3 form (and its obsolete zones, §4.3, one-digit
 * hours, two-digit years) is read directly, without exceptions, as SORT reads it for every message;
 * anything else goes to Jakarta Mail's lenient parser.
 */
public final class SentDate {

    private static final String[] MONTHS = {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct",
        "nov", "dec"};
    private static final Map<String, Integer> ZONES = Map.of("ut", 0, "gmt", 0, "est", -500, "edt", -400,
            "cst", -600, "cdt", -500, "mst", -700, "mdt", -600, "pst", -800, "pdt", -700);

    private SentDate() {
    }

    public static Instant of(String dateHeader, Instant internalDate) {
        if (dateHeader == null || dateHeader.isBlank()) {
            return internalDate;
        }
        Instant fast = parse(dateHeader);
        if (fast != null) {
            return fast;
        }
        Date d = new MailDateFormat().parse(dateHeader.trim(), new ParsePosition(0));
        return d == null ? internalDate : d.toInstant();
    }

    /** {@code [day-of-week ","] day month year hour ":" minute [":" second] zone [comment]}, or null. */
    static Instant parse(String text) {
        String[] w = text.replace(',', ' ').trim().split("\\s+");
        int i = 0;
        if (w.length > 0 && !w[0].isEmpty() && Character.isLetter(w[0].charAt(0))) {
            i++; // day of week
        }
        if (w.length < i + 5) {
            return null;
        }
        int day = number(w[i]);
        int month = month(w[i + 1]);
        int year = number(w[i + 2]);
        String[] hms = w[i + 3].split(":");
        if (day < 1 || day > 31 || month < 1 || year < 0 || hms.length < 2 || hms.length > 3) {
            return null;
        }
        if (year < 50) {
            year += 2000; // RFC 5322 §4.3
        } else if (year < 1000) {
            year += 1900;
        }
        int hour = number(hms[0]);
        int minute = number(hms[1]);
        int second = hms.length == 3 ? number(hms[2]) : 0;
        int zone = zone(w[i + 4]);
        if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 60 || zone == Integer.MIN_VALUE) {
            return null;
        }
        try {
            LocalDateTime local = LocalDateTime.of(year, month, day, hour, minute, Math.min(second, 59));
            return local.toInstant(ZoneOffset.ofHoursMinutes(zone / 100, zone % 100));
        } catch (java.time.DateTimeException e) {
            return null; // 31 February and the like
        }
    }

    private static int number(String s) {
        if (s.isEmpty() || s.length() > 4) {
            return -1;
        }
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }

    private static int month(String s) {
        String m = s.toLowerCase(Locale.ROOT);
        for (int i = 0; i < MONTHS.length; i++) {
            if (m.equals(MONTHS[i])) {
                return i + 1;
            }
        }
        return -1;
    }

    /** {@code ("+" / "-") 4DIGIT} or an obsolete zone name, as signed hhmm; MIN_VALUE if neither. */
    private static int zone(String s) {
        if (s.length() == 5 && (s.charAt(0) == '+' || s.charAt(0) == '-')) {
            int hhmm = number(s.substring(1));
            if (hhmm < 0 || hhmm % 100 > 59 || hhmm / 100 > 18) {
                return Integer.MIN_VALUE;
            }
            return s.charAt(0) == '-' ? -hhmm : hhmm;
        }
        Integer named = ZONES.get(s.toLowerCase(Locale.ROOT));
        return named == null ? Integer.MIN_VALUE : named;
    }
}
