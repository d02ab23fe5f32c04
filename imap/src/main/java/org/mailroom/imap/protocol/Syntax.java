package org.mailroom.imap.protocol;

/** Character classes of the IMAP grammar (RFC 9051 §9). */
public final class Syntax {

    private Syntax() {
    }

    /** ATOM-CHAR: any CHAR except atom-specials ( ) { SP CTL % * " \ ]. */
    public static boolean isAtomChar(int c) {
        return c > 0x20 && c < 0x7f && c != '(' && c != ')' && c != '{' && c != '%' && c != '*' && c != '"'
                && c != '\\' && c != ']';
    }

    /** ASTRING-CHAR: ATOM-CHAR or resp-specials "]". */
    public static boolean isAstringChar(int c) {
        return isAtomChar(c) || c == ']';
    }

    /** tag: 1*<any ASTRING-CHAR except "+">. */
    public static boolean isTagChar(int c) {
        return isAstringChar(c) && c != '+';
    }

    /** list-char: ATOM-CHAR / list-wildcards / resp-specials. */
    public static boolean isListChar(int c) {
        return isAstringChar(c) || c == '%' || c == '*';
    }
}
