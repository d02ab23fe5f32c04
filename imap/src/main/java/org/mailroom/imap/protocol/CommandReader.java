package org.mailroom.imap.protocol;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.mailroom.store.MessageContent;

/**
 * Reads the arguments of one framed command by the grammar of RFC 9051 §9: atoms, numbers, quoted
 * strings, literals, parenthesised lists. Every method either consumes what it names or throws
 * {@link SyntaxError}; nothing here touches the session or the store (STYLE.md §6).
 */
public final class CommandReader {

    /** Deepest parenthesised nesting accepted (SEARCH, FETCH, LIST options). */
    public static final int MAX_DEPTH = 32;

    private final List<Frame.Part> parts;
    private int partIndex;
    private byte[] text;
    private int pos;

    public CommandReader(List<Frame.Part> parts) {
        this.parts = parts;
        this.text = ((Frame.Text) parts.get(0)).bytes();
    }

    public static CommandReader of(String line) {
        return new CommandReader(List.of(new Frame.Text(line.getBytes(StandardCharsets.UTF_8))));
    }

    // ---- characters

    public int peek() {
        return pos < text.length ? text[pos] & 0xff : -1;
    }

    public boolean atEnd() {
        return pos >= text.length && partIndex == parts.size() - 1;
    }

    public void end() {
        if (!atEnd()) {
            throw new SyntaxError("unexpected characters at the end of the command");
        }
    }

    /** Whether the rest of the current line starts with {@code prefix}, ignoring case; consumes nothing. */
    public boolean startsWithIgnoreCase(String prefix) {
        if (text.length - pos < prefix.length()) {
            return false;
        }
        String s = new String(text, pos, prefix.length(), StandardCharsets.ISO_8859_1);
        return s.equalsIgnoreCase(prefix);
    }

    public boolean tryChar(char c) {
        if (peek() == c) {
            pos++;
            return true;
        }
        return false;
    }

    public void expect(char c) {
        if (!tryChar(c)) {
            throw new SyntaxError(peek() < 0 ? "missing '" + c + "'" : "expected '" + c + "'");
        }
    }

    public void sp() {
        expect(' ');
    }

    /** Consumes a space if one comes next and something follows it. */
    public boolean trySp() {
        return tryChar(' ');
    }

    // ---- tokens

    /** One or more ATOM-CHARs. */
    public String atom() {
        int start = pos;
        while (pos < text.length && Syntax.isAtomChar(text[pos] & 0xff)) {
            pos++;
        }
        if (pos == start) {
            throw new SyntaxError(peek() < 0 ? "missing argument" : "expected an atom");
        }
        return new String(text, start, pos - start, StandardCharsets.US_ASCII);
    }

    /** An atom in upper case, for keywords of the grammar. */
    public String keyword() {
        return atom().toUpperCase(Locale.ROOT);
    }

    /** Characters while {@code accept} holds (possibly none). */
    public String charsWhile(java.util.function.IntPredicate accept) {
        int start = pos;
        while (pos < text.length && accept.test(text[pos] & 0xff)) {
            pos++;
        }
        return new String(text, start, pos - start, StandardCharsets.UTF_8);
    }

    /** The tag that starts a command line. */
    public String tag() {
        String t = charsWhile(Syntax::isTagChar);
        if (t.isEmpty()) {
            throw new SyntaxError("missing tag");
        }
        return t;
    }

    public long number() {
        int start = pos;
        while (pos < text.length && text[pos] >= '0' && text[pos] <= '9') {
            pos++;
        }
        if (pos == start || pos - start > 19) {
            throw new SyntaxError("expected a number");
        }
        try {
            return Long.parseLong(new String(text, start, pos - start, StandardCharsets.US_ASCII));
        } catch (NumberFormatException e) {
            throw new SyntaxError("number out of range");
        }
    }

    /** nz-number that must fit in 32 bits (RFC 9051 §9, number / nz-number). */
    public long nzNumber32() {
        long n = number();
        if (n < 1 || n > 0xffffffffL) {
            throw new SyntaxError("expected a non-zero 32-bit number");
        }
        return n;
    }

    /** astring: atom of ASTRING-CHARs, quoted string or literal. */
    public String astring() {
        int c = peek();
        if (c == '"' || c == '{' || c == '~') {
            return string();
        }
        String s = charsWhile(Syntax::isAstringChar);
        if (s.isEmpty()) {
            throw new SyntaxError(c < 0 ? "missing argument" : "expected a string");
        }
        return s;
    }

    /** nstring: NIL or a string; null for NIL. */
    public String nstring() {
        if (peek() == 'N' || peek() == 'n') {
            String a = atom();
            if (!a.equalsIgnoreCase("NIL")) {
                throw new SyntaxError("expected a string or NIL");
            }
            return null;
        }
        return string();
    }

    /** quoted or literal, as UTF-8 text. */
    public String string() {
        if (peek() == '"') {
            return quoted();
        }
        return decode(literalBytes());
    }

    /** list-mailbox: 1*list-char or a string. */
    public String listMailbox() {
        int c = peek();
        if (c == '"' || c == '{' || c == '~') {
            return string();
        }
        String s = charsWhile(Syntax::isListChar);
        if (s.isEmpty()) {
            throw new SyntaxError("expected a mailbox pattern");
        }
        return s;
    }

    private String quoted() {
        expect('"');
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        while (true) {
            if (pos >= text.length) {
                throw new SyntaxError("unterminated quoted string");
            }
            int c = text[pos++] & 0xff;
            if (c == '"') {
                break;
            }
            if (c == '\\') {
                if (pos >= text.length) {
                    throw new SyntaxError("unterminated quoted string");
                }
                c = text[pos++] & 0xff;
                if (c != '"' && c != '\\') {
                    throw new SyntaxError("only \\\" and \\\\ may be escaped in a quoted string");
                }
            } else if (c == '\r' || c == '\n' || c == 0) {
                throw new SyntaxError("bad character in a quoted string");
            }
            out.write(c);
        }
        return decode(out.toByteArray());
    }

    /** The content of a literal that comes next; its announcement must end the current line. */
    public MessageContent literal() {
        return literalPart().content();
    }

    public Frame.Literal literalPart() {
        tryChar('~');
        expect('{');
        number();
        tryChar('+');
        expect('}');
        if (pos != text.length || partIndex + 1 >= parts.size()) {
            throw new SyntaxError("a literal must end its line");
        }
        Frame.Literal lit = (Frame.Literal) parts.get(++partIndex);
        partIndex++;
        text = ((Frame.Text) parts.get(partIndex)).bytes();
        pos = 0;
        return lit;
    }

    public boolean atLiteral() {
        int c = peek();
        return c == '{' || c == '~' && pos + 1 < text.length && text[pos + 1] == '{';
    }

    private byte[] literalBytes() {
        MessageContent content = literal();
        try (InputStream in = content.open()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** UTF-8 when it is valid, else ISO-8859-1, so that no octet is lost. */
    static String decode(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
    }

    /** A parenthesised list of items read by {@code item}, at least one unless {@code mayBeEmpty}. */
    public <T> List<T> list(java.util.function.Supplier<T> item, boolean mayBeEmpty) {
        expect('(');
        List<T> out = new ArrayList<>();
        if (tryChar(')')) {
            if (!mayBeEmpty) {
                throw new SyntaxError("empty list");
            }
            return out;
        }
        do {
            out.add(item.get());
            if (out.size() > 10_000) {
                throw new SyntaxError("too many list items");
            }
        } while (tryChar(' '));
        expect(')');
        return out;
    }

    /** A flag: \System, or a keyword atom. */
    public String flag() {
        if (tryChar('\\')) {
            if (tryChar('*')) {
                return "\\*";
            }
            return "\\" + atom();
        }
        return atom();
    }
}
