package org.mailroom.imap.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs a transcript script (STYLE.md §18) against a real server: {@code C:} / {@code C2:} lines are
 * sent by session 1 / 2, {@code S:} / {@code S2:} lines are the exact lines expected next from that
 * session, where {@code {{regex}}} stands for a varying part. {@code C~:} sends text with \r \n
 * escapes and no added CRLF. Directives: {@code !deliver <rcpt> <corpus file>},
 * {@code !deliver-text <rcpt> <subject>}, {@code !quota <address> <bytes> <messages>}, {@code !starttls <n>},
 * {@code !compress <n>} (compress session n from here on), {@code !tls-session <n>} (open session n on the
 * implicit-TLS port), {@code !closed <n>},
 * {@code !plaintext false} (first line only), {@code !sleep <ms>}. {@code {{=name}}} in an {@code S:}
 * line matches a number and keeps it as {@code name}; {@code ${name}} in a later line stands for it
 * (for values that vary, such as UIDVALIDITY).
 */
public final class Transcript {

    private static final Pattern LINE = Pattern.compile("^([CS])(\\d*)(~?):(?: (.*))?$");
    private static final Pattern CAPTURE = Pattern.compile("\\{\\{=(\\w+)}}");

    private Transcript() {
    }

    public static void run(String resource, Path dir) {
        List<String> lines = read(resource);
        boolean plaintext = !lines.isEmpty() && !lines.get(0).equals("!plaintext false");
        try (ImapFixture fixture = new ImapFixture(dir, plaintext, Duration.ofMillis(200))) {
            Map<Integer, ImapTestClient> sessions = new HashMap<>();
            Map<String, String> vars = new HashMap<>();
            try {
                int n = 0;
                for (String line : lines) {
                    n++;
                    step(fixture, sessions, vars, line, resource + ":" + n);
                }
            } finally {
                sessions.values().forEach(ImapTestClient::close);
            }
        }
    }

    private static void step(ImapFixture fixture, Map<Integer, ImapTestClient> sessions, Map<String, String> vars,
                             String line, String where) {
        if (line.isBlank() || line.startsWith("#") || line.startsWith("!plaintext")) {
            return;
        }
        if (line.startsWith("!")) {
            String[] w = line.substring(1).split(" ", 3);
            switch (w[0]) {
                case "deliver" -> fixture.deliver(w[1], ImapFixture.corpus(w[2]));
                case "deliver-text" -> fixture.deliver(w[1], "From: Sender <sender@remote.test>\r\nTo: " + w[1]
                        + "\r\nSubject: " + w[2] + "\r\nDate: Mon, 1 Jan 2024 10:00:00 +0000\r\n"
                        + "Message-ID: <" + w[2].replace(' ', '.') + "@remote.test>\r\n\r\nHello " + w[2] + ".\r\n");
                case "quota" -> {
                    String[] q = w[2].split(" ");
                    fixture.store.admin().setQuota(org.mailroom.store.EmailAddress.parse(w[1]),
                            new org.mailroom.store.Quota(Long.parseLong(q[0]), Long.parseLong(q[1])));
                }
                case "starttls" -> session(fixture, sessions, Integer.parseInt(w[1])).startTls();
                case "compress" -> session(fixture, sessions, Integer.parseInt(w[1])).compress();
                case "tls-session" -> sessions.put(Integer.parseInt(w[1]), fixture.tlsClient());
                case "closed" -> {
                    if (!session(fixture, sessions, Integer.parseInt(w[1])).closedByServer()) {
                        throw new AssertionError(where + ": connection still open");
                    }
                }
                case "sleep" -> sleep(Long.parseLong(w[1]));
                default -> throw new IllegalArgumentException(where + ": unknown directive " + w[0]);
            }
            return;
        }
        Matcher m = LINE.matcher(line);
        if (!m.matches()) {
            throw new IllegalArgumentException(where + ": not a transcript line: " + line);
        }
        int id = m.group(2).isEmpty() ? 1 : Integer.parseInt(m.group(2));
        String text = m.group(4) == null ? "" : m.group(4);
        ImapTestClient c = session(fixture, sessions, id);
        for (Map.Entry<String, String> v : vars.entrySet()) {
            text = text.replace("${" + v.getKey() + "}", v.getValue());
        }
        if (m.group(1).equals("C")) {
            if (m.group(3).isEmpty()) {
                c.send(text);
            } else {
                c.sendRaw(text.replace("\\r", "\r").replace("\\n", "\n").getBytes(StandardCharsets.UTF_8));
            }
            return;
        }
        String actual;
        try {
            actual = c.line();
        } catch (AssertionError e) {
            throw new AssertionError(where + "\n expected: " + text + "\n   actual: " + e.getMessage());
        }
        Matcher match = actual == null ? null : pattern(text).matcher(actual);
        if (match == null || !match.matches()) {
            throw new AssertionError(where + "\n expected: " + text + "\n   actual: " + actual);
        }
        Matcher names = CAPTURE.matcher(text);
        while (names.find()) {
            vars.put(names.group(1), match.group(names.group(1)));
        }
    }

    private static ImapTestClient session(ImapFixture fixture, Map<Integer, ImapTestClient> sessions, int id) {
        return sessions.computeIfAbsent(id, k -> fixture.client());
    }

    static Pattern pattern(String expected) {
        StringBuilder re = new StringBuilder();
        int i = 0;
        while (i < expected.length()) {
            int open = expected.indexOf("{{", i);
            if (open < 0) {
                re.append(Pattern.quote(expected.substring(i)));
                break;
            }
            int close = expected.indexOf("}}", open);
            re.append(Pattern.quote(expected.substring(i, open)));
            String inner = expected.substring(open + 2, close);
            re.append(inner.startsWith("=") ? "(?<" + inner.substring(1) + ">\\d+)" : inner);
            i = close + 2;
        }
        return Pattern.compile(re.toString(), Pattern.DOTALL);
    }

    private static List<String> read(String resource) {
        try (InputStream in = Transcript.class.getResourceAsStream("/transcripts/" + resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no transcript " + resource);
            }
            return new ArrayList<>(List.of(new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\r?\n")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
