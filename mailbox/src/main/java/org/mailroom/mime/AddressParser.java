package org.mailroom.mime;

import java.util.ArrayList;
import java.util.List;

/**
 * Lenient RFC 5322 §3.4 address-list parsing into IMAP's address structures, keeping the text raw
 * (encoded-words untouched). Handles groups, source routes, comments as a fallback personal name
 * ({@code jdoe@example.org (John Doe)}), and the usual breakage: missing domain, missing brackets,
 * stray separators, unterminated quotes. Never throws.
 */
final class AddressParser {

    private enum Kind { ATOM, QUOTED, COMMENT, LITERAL, SPECIAL }

    private record Token(Kind kind, String text) {
        boolean is(char special) {
            return kind == Kind.SPECIAL && text.charAt(0) == special;
        }
    }

    private final List<Token> tokens;
    private int pos;

    private AddressParser(String s) {
        this.tokens = tokenize(s);
    }

    static List<Address> parse(String value) {
        List<Address> out = new ArrayList<>();
        if (value == null) {
            return out;
        }
        AddressParser p = new AddressParser(value);
        while (p.pos < p.tokens.size()) {
            p.parseOne(out, false);
        }
        return out;
    }

    private Token peek() {
        return pos < tokens.size() ? tokens.get(pos) : null;
    }

    private void parseOne(List<Address> out, boolean inGroup) {
        List<String> words = new ArrayList<>();
        String comment = null;
        Token t;
        while ((t = peek()) != null && t.kind() != Kind.SPECIAL) {
            if (t.kind() == Kind.COMMENT) {
                comment = comment == null ? t.text() : comment;
            } else {
                words.add(t.text());
            }
            pos++;
        }
        if (t == null || t.is(',') || t.is(';') || t.is('>')) {
            if (t != null && (t.is(',') || t.is('>') || (t.is(';') && !inGroup))) {
                pos++;
            }
            if (!words.isEmpty()) {
                out.add(new Address(comment, null, String.join(" ", words), ""));
            }
            return;
        }
        pos++;
        if (t.is(':')) {
            if (inGroup) {
                return; // RFC 5322 forbids nested groups: skip the marker
            }
            out.add(Address.groupStart(String.join(" ", words)));
            Token u;
            while ((u = peek()) != null && !u.is(';')) {
                parseOne(out, true);
            }
            if (u != null) {
                pos++;
            }
            out.add(Address.groupEnd());
        } else if (t.is('<')) {
            angleAddress(out, words.isEmpty() ? comment : String.join(" ", words));
        } else { // '@' after a local part
            String local = String.join("", words);
            StringBuilder domain = new StringBuilder();
            Token u;
            while ((u = peek()) != null && !(u.is(',') || u.is(';') || u.is('<') || u.is('>'))) {
                if (u.kind() == Kind.COMMENT) {
                    comment = comment == null ? u.text() : comment;
                } else if (!u.is(':')) {
                    domain.append(u.text());
                }
                pos++;
            }
            if (u != null && (u.is(',') || u.is('>'))) {
                pos++;
            }
            out.add(new Address(comment, null, local, domain.toString()));
        }
    }

    /** After '<': an optional route "@a,@b:", then local-part@domain, up to '>'. */
    private void angleAddress(List<Address> out, String name) {
        String adl = null;
        if (peek() != null && peek().is('@') && hasColonBeforeClose()) {
            StringBuilder route = new StringBuilder();
            Token u;
            while ((u = peek()) != null && !u.is(':')) {
                if (u.kind() != Kind.COMMENT) {
                    route.append(u.text());
                }
                pos++;
            }
            pos++;
            adl = route.toString();
        }
        StringBuilder local = new StringBuilder();
        StringBuilder domain = null;
        Token u;
        while ((u = peek()) != null && !u.is('>')) {
            pos++;
            if (u.kind() == Kind.COMMENT) {
                continue;
            }
            if (u.is('@') && domain == null) {
                domain = new StringBuilder();
            } else if (domain != null) {
                domain.append(u.text());
            } else {
                local.append(u.text());
            }
        }
        if (u != null) {
            pos++;
        }
        out.add(new Address(name, adl, local.toString(), domain == null ? "" : domain.toString()));
    }

    private boolean hasColonBeforeClose() {
        for (int i = pos; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (t.is(':')) {
                return true;
            }
            if (t.is('>')) {
                return false;
            }
        }
        return false;
    }

    private static List<Token> tokenize(String s) {
        List<Token> out = new ArrayList<>();
        int i = 0;
        int n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '"') {
                StringBuilder sb = new StringBuilder();
                i++;
                while (i < n && s.charAt(i) != '"') {
                    char d = s.charAt(i++);
                    if (d == '\\' && i < n) {
                        d = s.charAt(i++);
                    }
                    if (d != '\r' && d != '\n') {
                        sb.append(d);
                    }
                }
                i++;
                out.add(new Token(Kind.QUOTED, sb.toString()));
            } else if (c == '(') {
                StringBuilder sb = new StringBuilder();
                int depth = 1;
                i++;
                while (i < n) {
                    char d = s.charAt(i++);
                    if (d == '\\' && i < n) {
                        sb.append(s.charAt(i++));
                        continue;
                    }
                    if (d == '(') {
                        depth++;
                    } else if (d == ')' && --depth == 0) {
                        break;
                    }
                    sb.append(d);
                }
                String text = sb.toString().trim();
                if (!text.isEmpty()) {
                    out.add(new Token(Kind.COMMENT, text));
                }
            } else if (c == '[') {
                int end = s.indexOf(']', i);
                end = end < 0 ? n : end + 1;
                out.add(new Token(Kind.LITERAL, s.substring(i, end)));
                i = end;
            } else if ("<>@,;:".indexOf(c) >= 0) {
                out.add(new Token(Kind.SPECIAL, String.valueOf(c)));
                i++;
            } else {
                int start = i;
                while (i < n && !Character.isWhitespace(s.charAt(i)) && "\"()[]<>@,;:".indexOf(s.charAt(i)) < 0) {
                    i++;
                }
                out.add(new Token(Kind.ATOM, s.substring(start, i)));
            }
        }
        return out;
    }
}
