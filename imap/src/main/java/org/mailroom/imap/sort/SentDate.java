package org.mailroom.imap.sort;

import jakarta.mail.internet.MailDateFormat;
import java.text.ParsePosition;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Date;

/**
 * The sent date of RFC 5256 §2.2: the Date header in UTC, or the internal date when the header is
 * missing or cannot be parsed.
 */
public final class SentDate {

    private SentDate() {
    }

    public static Instant of(String dateHeader, Instant internalDate) {
        if (dateHeader == null || dateHeader.isBlank()) {
            return internalDate;
        }
        String text = dateHeader.replaceAll("\\s*\\([^)]*\\)\\s*$", "").trim();
        try {
            return OffsetDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (RuntimeException e) {
            Date d = new MailDateFormat().parse(text, new ParsePosition(0));
            return d == null ? internalDate : d.toInstant();
        }
    }
}
