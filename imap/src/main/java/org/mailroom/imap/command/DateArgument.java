package org.mailroom.imap.command;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.mailroom.imap.protocol.CommandReader;
import org.mailroom.imap.protocol.SyntaxError;

/** date and date-time of RFC 9051 §9: {@code 1-Feb-2024} and {@code " 1-Feb-2024 10:00:00 +0100"}. */
public final class DateArgument {

    static final List<String> MONTHS = List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP",
            "OCT", "NOV", "DEC");
    private static final DateTimeFormatter INTERNAL =
            DateTimeFormatter.ofPattern("dd-MMM-yyyy HH:mm:ss Z", Locale.ROOT);

    private DateArgument() {
    }

    /** date-time, always quoted. */
    static Instant dateTime(CommandReader args) {
        if (args.peek() != '"') {
            throw new SyntaxError("expected a quoted date-time");
        }
        String s = args.string();
        try {
            String[] dt = s.trim().split(" +");
            if (dt.length != 3) {
                throw new SyntaxError("bad date-time");
            }
            LocalDate date = parseDate(dt[0]);
            String[] hms = dt[1].split(":");
            if (hms.length != 3 || dt[2].length() != 5) {
                throw new SyntaxError("bad date-time");
            }
            int sign = dt[2].charAt(0) == '-' ? -1 : 1;
            if (dt[2].charAt(0) != '+' && dt[2].charAt(0) != '-') {
                throw new SyntaxError("bad zone in date-time");
            }
            int zh = Integer.parseInt(dt[2].substring(1, 3));
            int zm = Integer.parseInt(dt[2].substring(3, 5));
            ZoneOffset zone = ZoneOffset.ofHoursMinutes(sign * zh, sign * zm);
            return OffsetDateTime.of(date.getYear(), date.getMonthValue(), date.getDayOfMonth(),
                    Integer.parseInt(hms[0]), Integer.parseInt(hms[1]), Integer.parseInt(hms[2]), 0, zone).toInstant();
        } catch (RuntimeException e) {
            if (e instanceof SyntaxError se) {
                throw se;
            }
            throw new SyntaxError("bad date-time");
        }
    }

    /** date (SEARCH): d-Mon-yyyy. */
    public static LocalDate parseDate(String s) {
        String[] p = s.trim().split("-");
        if (p.length != 3 || p[0].isEmpty() || p[0].length() > 2 || p[2].length() != 4) {
            throw new SyntaxError("bad date, expected like 1-Feb-2024");
        }
        int month = MONTHS.indexOf(p[1].toUpperCase(Locale.ROOT)) + 1;
        if (month == 0) {
            throw new SyntaxError("bad month in date");
        }
        try {
            return LocalDate.of(Integer.parseInt(p[2]), month, Integer.parseInt(p[0]));
        } catch (RuntimeException e) {
            throw new SyntaxError("bad date");
        }
    }

    /** INTERNALDATE as sent (RFC 9051 §7.5.2), in UTC. */
    public static String format(Instant instant) {
        return INTERNAL.format(instant.atZone(ZoneOffset.UTC));
    }
}
