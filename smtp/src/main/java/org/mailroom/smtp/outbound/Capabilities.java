package org.mailroom.smtp.outbound;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What a server's EHLO reply advertised (RFC 5321 §4.1.1.1): one keyword per line after the first,
 * with parameters. A HELO-only server has none.
 */
record Capabilities(Set<String> keywords, long maxSize, Set<String> authMechanisms, int rcptMax) {

    static final Capabilities NONE = new Capabilities(Set.of(), 0, Set.of(), 0);

    static Capabilities of(SmtpReply ehlo) {
        Set<String> keywords = new HashSet<>();
        Set<String> auth = new HashSet<>();
        long size = 0;
        int rcptMax = 0;
        List<String> lines = ehlo.lines();
        for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
            String[] words = line.trim().toUpperCase(Locale.ROOT).split("[ =]+");
            if (words.length == 0 || words[0].isEmpty()) {
                continue;
            }
            keywords.add(words[0]);
            if (words[0].equals("SIZE") && words.length > 1) {
                try {
                    size = Long.parseLong(words[1]);
                } catch (NumberFormatException e) {
                    // RFC 1870 §4: a malformed limit is no limit we can rely on
                }
            }
            if (words[0].equals("LIMITS")) {
                // RFC 9422 §3: LIMITS name=value pairs; RCPTMAX caps the recipients of one transaction.
                for (int i = 1; i + 1 < words.length; i += 2) {
                    if (words[i].equals("RCPTMAX")) {
                        try {
                            rcptMax = Math.max(0, Integer.parseInt(words[i + 1]));
                        } catch (NumberFormatException e) {
                            rcptMax = 0;
                        }
                    }
                }
            }
            if (words[0].equals("AUTH")) {
                auth.addAll(List.of(words).subList(1, words.length));
            }
        }
        return new Capabilities(Set.copyOf(keywords), size, Set.copyOf(auth), rcptMax);
    }

    boolean has(String keyword) {
        return keywords.contains(keyword);
    }
}
