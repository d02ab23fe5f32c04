package org.mailroom.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Workload 6: one mailbox grown to each size in turn; at each, the time of SELECT, of
 * {@code UID FETCH 1:* (FLAGS)}, of a {@code UID SEARCH} on a header, and of a client's
 * resynchronisation after 10 flag changes made by another session: with QRESYNC (RFC 7162 §3.2.5)
 * when the server offers it, otherwise the full flag fetch a client has to do instead.
 */
final class GrowthWorkload {

    private static final int PIPELINE = 50;
    private static final int FILLERS = 4;
    private static final Pattern UIDVALIDITY = Pattern.compile("\\[UIDVALIDITY (\\d+)\\]");
    private static final Pattern HIGHESTMODSEQ = Pattern.compile("\\[HIGHESTMODSEQ (\\d+)\\]");

    private GrowthWorkload() {
    }

    private record Times(int size, double select, double fetchFlags, double search, double resync) {
    }

    static void run(Bench b) throws Exception {
        List<Times> all = new ArrayList<>();
        for (int size : b.scale().growthSizes()) {
            fill(b, size);
            Times t = measure(b, size);
            all.add(t);
        }
        Times first = all.get(0);
        Times last = all.get(all.size() - 1);
        if (all.size() > 1) {
            String w = "6 growth " + first.size() + " → " + last.size();
            String note = String.format("%.0f× the messages; 1× = flat, %.0f× = linear", (double) last.size() / first.size(),
                    (double) last.size() / first.size());
            b.results().add(w, "SELECT grew", times(last.select() / first.select()), note);
            b.results().add(w, "UID FETCH 1:* (FLAGS) grew", times(last.fetchFlags() / first.fetchFlags()), note);
            b.results().add(w, "UID SEARCH HEADER grew", times(last.search() / first.search()), note);
            b.results().add(w, "resync grew", times(last.resync() / first.resync()), note);
        }
    }

    private static String times(double ratio) {
        return String.format("%.1f×", ratio);
    }

    /** Appends small messages to the growth account's INBOX until it holds {@code size}. */
    private static void fill(Bench b, int size) throws Exception {
        int exists;
        try (ImapClient c = login(b)) {
            exists = c.select("INBOX");
            c.logout();
        }
        long missing = size - exists;
        if (missing <= 0) {
            return;
        }
        AtomicLong next = new AtomicLong(exists);
        Progress p = b.progress("growth: filling to " + size, size, "msgs");
        p.startAt(exists);
        Parallel.run(FILLERS, p, i -> {
            try (ImapClient c = login(b)) {
                List<String> tags = new ArrayList<>();
                while (true) {
                    tags.clear();
                    long n = 0;
                    while (tags.size() < PIPELINE && (n = next.getAndIncrement()) < size) {
                        String subject = n % 1000 == 7 ? "needle " + n : "growth " + n;
                        tags.add(c.appendPipelined("INBOX",
                                Messages.of(Instance.GROWTH_USER, Instance.GROWTH_USER, subject, 600, n)));
                    }
                    c.flush();
                    for (String t : tags) {
                        c.await(t, "APPEND");
                        p.done.incrementAndGet();
                    }
                    if (n >= size) {
                        break;
                    }
                }
                c.logout();
            }
        });
        p.close();
        if (p.errors.get() > 0) {
            b.results().add("6 growth " + size, "fill errors", Long.toString(p.errors.get()), p.lastError());
        }
    }

    private static Times measure(Bench b, int size) throws IOException {
        String w = "6 growth " + size + " msgs";
        try (ImapClient c = login(b); ImapClient other = login(b)) {
            c.run("CAPABILITY");
            boolean qresync = String.join(" ", c.untagged()).contains("QRESYNC");
            if (qresync) {
                c.run("ENABLE QRESYNC");
            }
            double[] select = new double[3];
            for (int i = 0; i < select.length; i++) {
                long t0 = System.nanoTime();
                c.select("INBOX");
                select[i] = (System.nanoTime() - t0) / 1e9;
            }
            String state = String.join(" ", c.untagged());
            long t0 = System.nanoTime();
            c.run("UID FETCH 1:* (FLAGS)");
            double fetch = (System.nanoTime() - t0) / 1e9;
            int flagLines = c.untagged().size();
            double[] search = new double[3];
            for (int i = 0; i < search.length; i++) {
                t0 = System.nanoTime();
                c.run("UID SEARCH HEADER Subject \"needle\"");
                search[i] = (System.nanoTime() - t0) / 1e9;
            }
            c.run("UNSELECT");
            other.select("INBOX");
            for (int i = 0; i < 10; i++) {
                other.run("STORE " + (ThreadLocalRandom.current().nextInt(size) + 1) + " +FLAGS.SILENT (\\Flagged)");
            }
            t0 = System.nanoTime();
            String how;
            if (qresync) {
                Matcher v = UIDVALIDITY.matcher(state);
                Matcher m = HIGHESTMODSEQ.matcher(state);
                if (!v.find() || !m.find()) {
                    throw new BenchFailure("QRESYNC offered, but SELECT gave no UIDVALIDITY/HIGHESTMODSEQ");
                }
                c.run("SELECT INBOX (QRESYNC (" + v.group(1) + " " + m.group(1) + "))");
                how = "SELECT (QRESYNC)";
            } else {
                c.select("INBOX");
                c.run("UID FETCH 1:* (FLAGS)");
                how = "no QRESYNC offered: SELECT + UID FETCH 1:* (FLAGS)";
            }
            double resync = (System.nanoTime() - t0) / 1e9;
            c.logout();
            other.logout();
            Times t = new Times(size, median(select), fetch, median(search), resync);
            b.results().add(w, "SELECT", Bench.ms(t.select()), "median of 3");
            b.results().add(w, "UID FETCH 1:* (FLAGS)", Bench.ms(t.fetchFlags()), flagLines + " FETCH replies");
            b.results().add(w, "UID SEARCH HEADER Subject", Bench.ms(t.search()), "median of 3");
            b.results().add(w, "resync after 10 changes", Bench.ms(t.resync()), how);
            return t;
        }
    }

    private static ImapClient login(Bench b) throws IOException {
        ImapClient c = new ImapClient(b.server().imapPort);
        c.login(Instance.GROWTH_USER, Instance.PASSWORD);
        return c;
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v[v.length / 2];
    }
}
