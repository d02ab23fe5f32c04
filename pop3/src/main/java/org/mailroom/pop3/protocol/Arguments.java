package org.mailroom.pop3.protocol;

import java.util.ArrayList;
import java.util.List;

/** Small parsing helpers shared by the commands (RFC 1939 §3: arguments separated by one space). */
public final class Arguments {

    private Arguments() {
    }

    /** The space-separated words of {@code arguments}; none for an empty string. */
    public static List<String> words(String arguments) {
        // By hand, not split(" +"): that compiles a regular expression for every RETR of a drain.
        String s = arguments.strip();
        List<String> words = new ArrayList<>(2);
        int i = 0;
        while (i < s.length()) {
            int end = s.indexOf(' ', i);
            end = end < 0 ? s.length() : end;
            words.add(s.substring(i, end));
            i = end;
            while (i < s.length() && s.charAt(i) == ' ') {
                i++;
            }
        }
        return words;
    }

    public static void none(String arguments) throws SyntaxException {
        if (!arguments.isBlank()) {
            throw new SyntaxException("No arguments expected");
        }
    }

    /** A message number or line count: decimal digits only, no sign, at most 9 of them. */
    public static int number(String word) throws SyntaxException {
        if (word.isEmpty() || word.length() > 9) {
            throw new SyntaxException("Invalid number");
        }
        for (int i = 0; i < word.length(); i++) {
            if (word.charAt(i) < '0' || word.charAt(i) > '9') {
                throw new SyntaxException("Invalid number");
            }
        }
        return Integer.parseInt(word);
    }

    /** Zero or one message number. */
    public static java.util.OptionalInt optionalNumber(String arguments) throws SyntaxException {
        List<String> w = words(arguments);
        if (w.isEmpty()) {
            return java.util.OptionalInt.empty();
        }
        if (w.size() > 1) {
            throw new SyntaxException("Too many arguments");
        }
        return java.util.OptionalInt.of(number(w.get(0)));
    }

    /** Exactly one message number. */
    public static int oneNumber(String arguments) throws SyntaxException {
        List<String> w = words(arguments);
        if (w.size() != 1) {
            throw new SyntaxException("Expected one message number");
        }
        return number(w.get(0));
    }
}
