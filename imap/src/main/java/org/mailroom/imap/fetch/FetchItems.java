package org.mailroom.imap.fetch;

import java.util.ArrayList;
import java.util.List;
import org.mailroom.imap.protocol.CommandReader;
import org.mailroom.imap.protocol.SyntaxError;

/**
 * The fetch attributes of a FETCH command (RFC 9051 §6.4.5):
 * {@code fetch = "FETCH" SP sequence-set SP ("ALL" / "FULL" / "FAST" / fetch-att / "(" fetch-att *(SP fetch-att) ")")}.
 */
public final class FetchItems {

    private FetchItems() {
    }

    public static List<FetchItem> read(CommandReader r) {
        if (r.peek() == '(') {
            return r.list(() -> item(r), false);
        }
        return macroOrItem(r);
    }

    /** ALL, FAST and FULL are macros, allowed only outside parentheses. */
    private static List<FetchItem> macroOrItem(CommandReader r) {
        String name = r.charsWhile(c -> c > ' ' && c != '[' && c != '(' && c != ')' && c != '<').toUpperCase(java.util.Locale.ROOT);
        return switch (name) {
            case "ALL" -> List.of(FetchItem.Simple.FLAGS, FetchItem.Simple.INTERNALDATE, FetchItem.Simple.RFC822_SIZE,
                    FetchItem.Simple.ENVELOPE);
            case "FAST" -> List.of(FetchItem.Simple.FLAGS, FetchItem.Simple.INTERNALDATE, FetchItem.Simple.RFC822_SIZE);
            case "FULL" -> List.of(FetchItem.Simple.FLAGS, FetchItem.Simple.INTERNALDATE, FetchItem.Simple.RFC822_SIZE,
                    FetchItem.Simple.ENVELOPE, FetchItem.Simple.BODY);
            default -> List.of(named(name, r));
        };
    }

    static FetchItem item(CommandReader r) {
        String name = r.charsWhile(c -> c > ' ' && c != '[' && c != '(' && c != ')' && c != '<').toUpperCase(java.util.Locale.ROOT);
        return named(name, r);
    }

    private static FetchItem named(String name, CommandReader r) {
        return switch (name) {
            case "FLAGS" -> FetchItem.Simple.FLAGS;
            case "INTERNALDATE" -> FetchItem.Simple.INTERNALDATE;
            case "RFC822.SIZE" -> FetchItem.Simple.RFC822_SIZE;
            case "ENVELOPE" -> FetchItem.Simple.ENVELOPE;
            case "BODYSTRUCTURE" -> FetchItem.Simple.BODYSTRUCTURE;
            case "UID" -> FetchItem.Simple.UID;
            case "MODSEQ" -> FetchItem.Simple.MODSEQ; // RFC 7162 §3.1.4.2
            case "RFC822" -> new FetchItem.Body("RFC822", Section.WHOLE, false, false, -1, 0);
            case "RFC822.HEADER" -> new FetchItem.Body("RFC822.HEADER",
                    new Section(new int[0], Section.Text.HEADER, List.of()), true, false, -1, 0);
            case "RFC822.TEXT" -> new FetchItem.Body("RFC822.TEXT",
                    new Section(new int[0], Section.Text.TEXT, List.of()), false, false, -1, 0);
            case "BODY" -> r.peek() == '[' ? body(r, "BODY", false, false) : FetchItem.Simple.BODY;
            case "BODY.PEEK" -> body(r, "BODY", true, false);
            case "BINARY" -> body(r, "BINARY", false, true);
            case "BINARY.PEEK" -> body(r, "BINARY", true, true);
            case "BINARY.SIZE" -> new FetchItem.BinarySize(Section.read(r, true));
            case "EMAILID" -> FetchItem.Attribute.EMAILID;
            case "THREADID" -> FetchItem.Attribute.THREADID;
            case "SAVEDATE" -> FetchItem.Attribute.SAVEDATE;
            case "PREVIEW" -> preview(r);
            default -> throw new SyntaxError(name.isEmpty() ? "missing fetch attribute"
                    : "unknown fetch attribute " + org.mailroom.text.ClientText.sanitize(name));
        };
    }

    private static FetchItem body(CommandReader r, String label, boolean peek, boolean binary) {
        Section section = Section.read(r, binary);
        long offset = -1;
        long length = 0;
        if (r.tryChar('<')) {
            offset = r.number();
            r.expect('.');
            length = r.number();
            r.expect('>');
        }
        return new FetchItem.Body(label, section, peek, binary, offset, length);
    }

    /** RFC 8970 §6: {@code "PREVIEW" [SP "(" preview-mod *(SP preview-mod) ")"]}, {@code preview-mod = "LAZY"}. */
    private static FetchItem preview(CommandReader r) {
        if (!r.startsWithIgnoreCase(" (")) {
            return FetchItem.Attribute.PREVIEW;
        }
        r.sp();
        for (String mod : r.list(r::keyword, false)) {
            if (!mod.equals("LAZY")) {
                throw new SyntaxError("unknown PREVIEW modifier");
            }
        }
        return FetchItem.Attribute.PREVIEW_LAZY;
    }

    /** Whether any item would set \Seen when fetched read-write (RFC 9051 §6.4.5). */
    public static boolean setsSeen(List<FetchItem> items) {
        for (FetchItem i : items) {
            if (i instanceof FetchItem.Body b && !b.peek()) {
                return true;
            }
        }
        return false;
    }

    public static List<FetchItem> withUid(List<FetchItem> items) {
        if (items.contains(FetchItem.Simple.UID)) {
            return items;
        }
        List<FetchItem> out = new ArrayList<>(items.size() + 1);
        out.add(FetchItem.Simple.UID);
        out.addAll(items);
        return out;
    }
}
