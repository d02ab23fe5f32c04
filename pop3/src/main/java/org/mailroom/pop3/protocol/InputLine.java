package org.mailroom.pop3.protocol;

/**
 * One line from the client, without its line end.
 *
 * @param text the line decoded as UTF-8 (RFC 6856 §2 allows UTF-8 in USER and PASS)
 * @param tooLong the line exceeded the limit; {@code text} is empty and the rest was discarded
 * @param moreInputFollows the client had already sent more bytes after this line when it was framed:
 *     after STLS that is the command injection of RFC 2595 §3.1 / STYLE.md §14
 */
public record InputLine(String text, boolean tooLong, boolean moreInputFollows) {
}
