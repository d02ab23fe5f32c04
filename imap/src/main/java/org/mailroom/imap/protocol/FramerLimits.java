package org.mailroom.imap.protocol;

/**
 * The hard limits of the framer (STYLE.md §7). Before login they are tight, as the input is untrusted.
 *
 * @param maxLine octets of one line, without its literals
 * @param maxLiteral octets of one literal (APPENDLIMIT after login)
 * @param maxLiterals literals in one command
 * @param maxCommand octets of all the lines of one command, literals excluded
 */
public record FramerLimits(int maxLine, long maxLiteral, int maxLiterals, int maxCommand) {

    /** Enough for LOGIN or AUTHENTICATE with any realistic credentials. */
    public static final FramerLimits BEFORE_LOGIN = new FramerLimits(8 * 1024, 8 * 1024, 2, 16 * 1024);

    public static FramerLimits afterLogin(long appendLimit) {
        return new FramerLimits(64 * 1024, appendLimit, 1000, 1024 * 1024);
    }
}
