package org.mailroom.bench;

import java.io.IOException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Workload 3: the day of a mail client, over and over for a fixed time: LOGIN, SELECT, FETCH of the
 * newest envelopes and flags, FETCH of two bodies, STORE \Seen, APPEND, then that message marked
 * \Deleted and removed with UID EXPUNGE (RFC 4315), LOGOUT. Every reply is checked; a NO, BAD or BYE
 * counts as an error. Each client has accounts of its own, so that one client's expunge never moves
 * the sequence numbers another one uses.
 */
final class ImapMixedWorkload {

    private static final Pattern APPENDUID = Pattern.compile("\\[APPENDUID \\d+ (\\d+)\\]");

    private ImapMixedWorkload() {
    }

    static void run(Bench b) throws Exception {
        int clients = b.scale().imapClients();
        long seconds = b.scale().imapSeconds();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        Progress p = b.progress("imap mixed " + clients + " clients", 0, "cmds");
        Parallel.run(clients, p, i -> loop(b, p, i, clients, () -> System.nanoTime() < end));
        p.close();
        double s = p.seconds();
        String w = "3 IMAP mixed " + clients + " clients";
        b.results().add(w, "commands/s", Bench.rate(p.done.get() / s),
                p.done.get() + " commands in " + String.format("%.1f s", s));
        b.results().add(w, "errors", Long.toString(p.errors.get()),
                p.errors.get() == 0 ? "every reply checked" : "last: " + p.lastError());
    }

    /** Client {@code index} of {@code clients} runs sessions while {@code more} says so. */
    static void loop(Bench b, Progress p, int index, int clients, BooleanSupplier more) {
        int accountsEach = Math.max(1, b.scale().users() / clients);
        int turn = 0;
        while (more.getAsBoolean()) {
            int user = (index + clients * (turn % accountsEach)) % b.scale().users() + 1;
            turn++;
            try {
                session(b, p, Instance.user(user));
            } catch (IOException | RuntimeException e) {
                p.error(e);
            }
        }
    }

    private static void session(Bench b, Progress p, String user) throws IOException {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        try (ImapClient c = new ImapClient(b.server().imapPort)) {
            c.login(user, Instance.PASSWORD);
            p.done.incrementAndGet();
            int exists = c.select("INBOX");
            p.done.incrementAndGet();
            if (exists > 0) {
                c.run("FETCH " + Math.max(1, exists - 19) + ":" + exists + " (UID FLAGS ENVELOPE)");
                p.done.incrementAndGet();
                for (int k = 0; k < 2; k++) {
                    c.run("FETCH " + (random.nextInt(exists) + 1) + " (BODY.PEEK[])");
                    p.done.incrementAndGet();
                }
                c.run("STORE " + (random.nextInt(exists) + 1) + " +FLAGS (\\Seen)");
                p.done.incrementAndGet();
            }
            String ok = c.append("INBOX", "\\Seen", Messages.of(user, user, "bench imap", 4096, random.nextLong()));
            p.done.incrementAndGet();
            Matcher m = APPENDUID.matcher(ok);
            if (!m.find()) {
                throw new BenchFailure("APPEND without APPENDUID: " + ok);
            }
            c.run("UID STORE " + m.group(1) + " +FLAGS.SILENT (\\Deleted)");
            p.done.incrementAndGet();
            c.run("UID EXPUNGE " + m.group(1));
            p.done.incrementAndGet();
            c.logout();
            p.done.incrementAndGet();
        }
    }
}
