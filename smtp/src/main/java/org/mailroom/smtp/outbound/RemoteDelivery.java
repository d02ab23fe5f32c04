package org.mailroom.smtp.outbound;

import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import javax.net.ssl.SSLException;
import org.mailroom.smtp.outbound.ConnectionPolicy.Credentials;
import org.mailroom.store.EmailAddress;
import org.mailroom.store.QueueStore.QueueEntry;
import org.mailroom.store.QueuedRecipient;
import org.mailroom.store.QueuedRecipient.DsnNotify;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers {@link Transaction}s for one destination to its hosts, best first: one connection for all
 * of them, one MAIL transaction per message for all its recipients. A message that a host did not
 * take at all (no connection, a 4xx greeting, every recipient deferred before DATA) goes on to the
 * next host (RFC 5321 §5.1); a definite answer, success or 5xx, or content already sent, ends it.
 */
final class RemoteDelivery {

    private static final Logger LOG = LoggerFactory.getLogger(RemoteDelivery.class);

    private final String heloName;
    private final SmtpClientFactory clients;

    RemoteDelivery(String heloName, SmtpClientFactory clients) {
        this.heloName = heloName;
        this.clients = clients;
    }

    /** One message. @return one result per entry of the transaction, in its order */
    List<RecipientResult> deliver(List<RemoteHost> hosts, ConnectionPolicy policy, Transaction tx,
                                  Consumer<Optional<SmtpClient>> active) {
        return deliver(hosts, policy, List.of(tx), active, (t, r) -> { }).get(0);
    }

    /**
     * Several messages over one connection per host.
     *
     * @param active told of each open connection, so that a closing runner can abort it
     * @param finished told of each message as soon as its outcome is final, once per message, so that
     *     it can be recorded before the connection goes on with the next (a crash then repeats less)
     * @return for each transaction, one result per entry, in order
     */
    List<List<RecipientResult>> deliver(List<RemoteHost> hosts, ConnectionPolicy policy, List<Transaction> txs,
                                        Consumer<Optional<SmtpClient>> active,
                                        BiConsumer<Transaction, List<RecipientResult>> finished) {
        List<List<RecipientResult>> out = new ArrayList<>(java.util.Collections.nCopies(txs.size(), null));
        Map<Transaction, Integer> index = new IdentityHashMap<>();
        for (int i = 0; i < txs.size(); i++) {
            index.put(txs.get(i), i);
        }
        Set<Transaction> reported = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        BiConsumer<Transaction, List<RecipientResult>> report = (tx, results) -> {
            if (reported.add(tx)) {
                out.set(index.get(tx), results);
                finished.accept(tx, results);
            }
        };
        List<Transaction> pending = txs;
        for (RemoteHost host : hosts) {
            if (pending.isEmpty()) {
                break;
            }
            HostOutcome o = attempt(host, policy, pending, true, active, report);
            if (o.tlsFailed && policy.tls() == TlsMode.OPPORTUNISTIC) {
                // Postfix's rule for "may": a broken TLS stack at the MX must not stop the mail; try plain.
                pending = pending.stream().filter(tx -> !reported.contains(tx)).toList();
                o = attempt(host, policy, pending, false, active, report);
            }
            List<Transaction> next = new ArrayList<>();
            for (int k = 0; k < pending.size(); k++) {
                Transaction tx = pending.get(k);
                if (o.tryNextHost().get(k)) {
                    out.set(index.get(tx), o.results().get(k));
                    next.add(tx);
                } else {
                    report.accept(tx, o.results().get(k));
                }
            }
            pending = next;
        }
        for (Transaction tx : pending) {
            report.accept(tx, out.get(index.get(tx)));
        }
        return out;
    }

    private HostOutcome attempt(RemoteHost host, ConnectionPolicy policy, List<Transaction> txs, boolean useTls,
                                Consumer<Optional<SmtpClient>> active,
                                BiConsumer<Transaction, List<RecipientResult>> report) {
        Session s = new Session(host, txs, report);
        try (SmtpClient c = clients.connect(host, policy)) {
            active.accept(Optional.of(c));
            try {
                s.run(c, policy, useTls);
            } catch (SSLException e) {
                s.tlsFailed = !s.tlsDone;
                s.failRest(false, "4.7.5", "TLS with " + host + " failed: " + e.getMessage());
            } catch (SocketTimeoutException e) {
                s.failRest(false, "4.4.2", "timeout talking to " + host + s.phase());
            } catch (IOException e) {
                s.failRest(false, "4.4.2", "connection with " + host + " broken" + s.phase() + ": " + e.getMessage());
            } finally {
                active.accept(Optional.empty());
            }
        } catch (SSLException e) {
            s.tlsFailed = true;
            s.failRest(false, "4.7.5", "TLS with " + host + " failed: " + e.getMessage());
        } catch (IOException e) {
            s.failRest(false, "4.4.1", "cannot connect to " + host + ": " + e.getMessage());
        }
        LOG.info("attempt host={} tls={} results={}", host, s.tlsDescription,
                s.results.values().stream().map(r -> r.kind() + " " + r.status()).toList());
        List<List<RecipientResult>> results = new ArrayList<>();
        List<Boolean> tryNext = new ArrayList<>();
        for (Transaction tx : txs) {
            results.add(s.resultsOf(tx));
            tryNext.add(!s.isFinal(tx));
        }
        return new HostOutcome(results, tryNext, s.tlsFailed);
    }

    /** Per transaction: the results, and whether it may go on to the next host. */
    private record HostOutcome(List<List<RecipientResult>> results, List<Boolean> tryNextHost, boolean tlsFailed) {
    }

    /** One connection's dialogue; fills {@link #results} as replies decide each recipient. */
    private final class Session {
        final RemoteHost host;
        final List<Transaction> txs;
        final Map<Long, RecipientResult> results = new LinkedHashMap<>();
        /** Transactions whose content went out: whatever happened next, no other host gets them now. */
        final Set<Transaction> dataSent = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        boolean tlsFailed;
        boolean tlsDone;
        String tlsDescription = "none";
        private String phase = "";
        private Capabilities caps = Capabilities.NONE;

        private final BiConsumer<Transaction, List<RecipientResult>> report;

        Session(RemoteHost host, List<Transaction> txs, BiConsumer<Transaction, List<RecipientResult>> report) {
            this.host = host;
            this.txs = txs;
            this.report = report;
        }

        List<RecipientResult> resultsOf(Transaction tx) {
            return tx.entries().stream().map(e -> results.get(e.id())).toList();
        }

        /** Content sent, or a definite answer for someone: no other host gets this message now. */
        boolean isFinal(Transaction tx) {
            return dataSent.contains(tx) || resultsOf(tx).stream()
                    .anyMatch(r -> r != null && r.kind() != RecipientResult.Kind.TEMPORARY);
        }

        String phase() {
            return phase;
        }

        void run(SmtpClient c, ConnectionPolicy policy, boolean useTls) throws IOException {
            dialogue(c, policy, useTls);
            quit(c);
        }

        private void dialogue(SmtpClient c, ConnectionPolicy policy, boolean useTls) throws IOException {
            Timeouts t = c.timeouts();
            phase = " awaiting the greeting";
            SmtpReply greeting = c.read(t.greeting());
            if (!greeting.isPositive()) {
                // RFC 5321 §3.1: a 554 greeting means no service here; another MX may serve.
                failRest(greeting, "greeting");
                return;
            }
            if (c.tls().isPresent()) {
                tlsDone = true;
                tlsDescription = c.tls().get();
            }
            if (!hello(c)) {
                return;
            }
            if (c.tls().isEmpty() && useTls && policy.tls() != TlsMode.NONE && caps.has("STARTTLS")) {
                phase = " after STARTTLS";
                SmtpReply r = c.command("STARTTLS", t.command());
                if (r.code() == 220) {
                    c.startTls(clients.tlsFor(policy), policy.verifyCertificate());
                    tlsDone = true;
                    tlsDescription = c.tls().orElse("?");
                    // RFC 3207 §4.2: everything learnt before TLS is forgotten; ask again.
                    caps = Capabilities.NONE;
                    if (!hello(c)) {
                        return;
                    }
                } else if (policy.tls() == TlsMode.REQUIRED) {
                    failRest(false, "4.7.10", host + " refused STARTTLS: " + r + " (TLS is required)");
                    return;
                }
            }
            if ((policy.tls() == TlsMode.REQUIRED || policy.tls() == TlsMode.IMPLICIT) && c.tls().isEmpty()) {
                failRest(false, "4.7.10", host + " offers no STARTTLS, and TLS is required");
                return;
            }
            if (policy.credentials().isPresent() && !login(c, policy.credentials().get())) {
                return;
            }
            boolean first = true;
            for (Transaction tx : txs) {
                if (!first) {
                    phase = " after RSET";
                    SmtpReply reset = c.command("RSET", t.command());
                    if (!reset.isPositive()) {
                        failRest(reset, "RSET");
                        return;
                    }
                }
                first = false;
                message(c, t, tx);
                if (isFinal(tx)) {
                    report.accept(tx, resultsOf(tx));
                }
            }
        }

        /** One message: checked against the server's limits, then sent in as many transactions as they need. */
        private void message(SmtpClient c, Timeouts t, Transaction tx) throws IOException {
            if (caps.maxSize() > 0 && tx.size() > caps.maxSize()) {
                // RFC 1870 §6: the server said it takes nothing this large; no other attempt will change that.
                fail(tx, true, "5.3.4", "message of " + tx.size() + " bytes exceeds the limit of " + caps.maxSize()
                        + " bytes at " + host);
                return;
            }
            if (tx.traits().needsSmtpUtf8() && !caps.has("SMTPUTF8")) {
                // RFC 6531 §3.2: without SMTPUTF8 at the server such a message cannot be sent; we do not downgrade.
                fail(tx, true, tx.traits().utf8Addresses() ? "5.6.7" : "5.6.9", host
                        + " does not support SMTPUTF8, which this message needs");
                return;
            }
            transactions(c, t, tx);
        }

        /**
         * As many transactions as the server's limits ask for: at most LIMITS RCPTMAX recipients each
         * (RFC 9422 §4.2), and those refused with 452 as too many go again in the next (RFC 5321 §4.5.3.1.10).
         */
        private void transactions(SmtpClient c, Timeouts t, Transaction tx) throws IOException {
            int limit = caps.rcptMax() > 0 ? caps.rcptMax() : Integer.MAX_VALUE;
            List<QueueEntry> remaining = tx.entries();
            boolean first = true;
            while (!remaining.isEmpty()) {
                if (!first) {
                    phase = " after RSET";
                    SmtpReply reset = c.command("RSET", t.command());
                    if (!reset.isPositive()) {
                        failRest(reset, "RSET");
                        return;
                    }
                }
                first = false;
                List<QueueEntry> chunk = remaining.subList(0, Math.min(limit, remaining.size()));
                List<QueueEntry> next = new ArrayList<>(transaction(c, t, tx, chunk));
                next.addAll(remaining.subList(chunk.size(), remaining.size()));
                remaining = next;
            }
        }

        private boolean hello(SmtpClient c) throws IOException {
            phase = " after EHLO";
            SmtpReply ehlo = c.command("EHLO " + heloName, c.timeouts().command());
            if (ehlo.isPositive()) {
                caps = Capabilities.of(ehlo);
                return true;
            }
            // RFC 5321 §3.2: a server that does not know EHLO may still know HELO.
            SmtpReply helo = c.command("HELO " + heloName, c.timeouts().command());
            if (helo.isPositive()) {
                caps = Capabilities.NONE;
                return true;
            }
            failRest(helo, "HELO");
            return false;
        }

        private boolean login(SmtpClient c, Credentials credentials) throws IOException {
            if (!caps.authMechanisms().contains("PLAIN")) {
                failRest(false, "4.7.0", host + " does not offer AUTH PLAIN");
                return false;
            }
            phase = " after AUTH";
            byte[] plain = ("\0" + credentials.username() + "\0" + credentials.password()).getBytes(StandardCharsets.UTF_8);
            // RFC 4954 §4: the initial response on the command line; never logged.
            SmtpReply r = c.command("AUTH PLAIN " + Base64.getEncoder().encodeToString(plain), c.timeouts().command());
            if (r.code() != 235) {
                // A refused login is a configuration problem; keep the mail until it is fixed.
                failRest(false, "4.7.0", host + " refused our login: " + r);
                return false;
            }
            return true;
        }

        /** One MAIL transaction. @return recipients refused as too many, to try again in another */
        private List<QueueEntry> transaction(SmtpClient c, Timeouts t, Transaction tx, List<QueueEntry> entries)
                throws IOException {
            boolean dsn = caps.has("DSN");
            boolean pipelining = caps.has("PIPELINING");
            phase = " after MAIL";
            c.write(mailCommand(tx, dsn));
            SmtpReply mail = null;
            if (!pipelining) {
                c.flush(t.command());
                mail = c.read(t.command());
                if (!mail.isPositive()) {
                    fail(tx, mail, "MAIL");
                    return List.of();
                }
            }
            List<QueueEntry> accepted = new ArrayList<>();
            List<SmtpReply> rcptReplies = new ArrayList<>();
            for (QueueEntry e : entries) {
                c.write(rcptCommand(e.recipient(), dsn));
                if (!pipelining) {
                    c.flush(t.command());
                    rcptReplies.add(c.read(t.command()));
                }
            }
            if (pipelining) {
                // RFC 2920 §3.1: MAIL, RCPT and DATA go in one group; the replies come back in order.
                c.write("DATA");
                c.flush(t.command());
                mail = c.read(t.command());
                phase = " after RCPT";
                for (int i = 0; i < entries.size(); i++) {
                    rcptReplies.add(c.read(t.command()));
                }
            }
            List<QueueEntry> tooMany = new ArrayList<>();
            for (int i = 0; i < entries.size(); i++) {
                QueueEntry e = entries.get(i);
                SmtpReply r = mail.isPositive() ? rcptReplies.get(i) : mail;
                if (r.isPositive()) {
                    accepted.add(e);
                } else if (mail.isPositive() && tooManyRecipients(r)) {
                    tooMany.add(e);
                } else {
                    results.put(e.id(), RecipientResult.of(e, r, host, dsn));
                }
            }
            List<QueueEntry> carried = List.of();
            if (accepted.isEmpty()) {
                for (QueueEntry e : tooMany) {
                    SmtpReply r = rcptReplies.get(entries.indexOf(e));
                    results.put(e.id(), new RecipientResult(e, RecipientResult.Kind.TEMPORARY,
                            r.isTransient() ? r.status() : "4.5.3", Optional.of(r), r.toString(),
                            Optional.of(host.name()), dsn));
                }
            } else {
                // Progress was made, so another transaction for these cannot loop forever.
                carried = tooMany;
            }
            phase = " after DATA";
            SmtpReply data;
            if (pipelining) {
                data = c.read(t.dataInitiation());
                if (data.code() == 354 && accepted.isEmpty()) {
                    // RFC 2920 §3.1: DATA accepted although no recipient was: end it with an empty message.
                    c.write(".");
                    c.flush(t.command());
                    c.read(t.dataTermination());
                }
            } else if (accepted.isEmpty()) {
                return carried;
            } else {
                c.send("DATA");
                data = c.read(t.dataInitiation());
            }
            if (accepted.isEmpty()) {
                return carried;
            }
            if (data.code() != 354) {
                decide(accepted, data, dsn);
                return carried;
            }
            phase = " sending the message";
            dataSent.add(tx);
            try (InputStream in = tx.content().open()) {
                c.sendData(in);
            }
            phase = " after the end of data";
            SmtpReply end = c.read(t.dataTermination());
            decide(accepted, end, dsn);
            return carried;
        }

        /**
         * 452 is "too many recipients" (RFC 5321 §4.5.3.1.10), and so is a 552 to RCPT from servers that
         * follow RFC 821's mistake, which the client is to treat as temporary; a 552 with another
         * enhanced status (5.2.2, mailbox full) keeps its meaning.
         */
        private static boolean tooManyRecipients(SmtpReply r) {
            return r.code() == 452 || (r.code() == 552 && (r.status().equals("5.5.3") || r.status().equals("5.0.0")));
        }

        private String mailCommand(Transaction tx, boolean dsn) {
            StringBuilder b = new StringBuilder("MAIL FROM:<")
                    .append(tx.sender().map(EmailAddress::toString).orElse("")).append('>');
            if (caps.has("SIZE")) {
                b.append(" SIZE=").append(tx.size());
            }
            if (tx.traits().eightBit() && caps.has("8BITMIME")) {
                b.append(" BODY=8BITMIME");
            }
            if (tx.traits().needsSmtpUtf8()) {
                b.append(" SMTPUTF8");
            }
            if (dsn) {
                QueuedRecipient first = tx.first();
                if (first.returnHeadersOnly()) {
                    b.append(" RET=HDRS");
                }
                first.envelopeId().ifPresent(id -> b.append(" ENVID=").append(Xtext.encode(Xtext.decode(id))));
            }
            return b.toString();
        }

        private String rcptCommand(QueuedRecipient r, boolean dsn) {
            StringBuilder b = new StringBuilder("RCPT TO:<").append(r.recipient()).append('>');
            if (dsn) {
                // RFC 3461 §4.1 and §4.2: the parameters travel on with the message when the next hop knows DSN.
                if (!r.notifyOn().isEmpty()) {
                    b.append(" NOTIFY=").append(String.join(",", r.notifyOn().stream().sorted()
                            .map(DsnNotify::name).toList()));
                }
                r.originalRecipient().ifPresent(o -> b.append(" ORCPT=").append(orcpt(o)));
            }
            return b.toString();
        }

        private void decide(List<QueueEntry> accepted, SmtpReply reply, boolean dsn) {
            for (QueueEntry e : accepted) {
                results.put(e.id(), RecipientResult.of(e, reply, host, dsn));
            }
        }

        private void quit(SmtpClient c) {
            try {
                c.command("QUIT", c.timeouts().command());
            } catch (IOException e) {
                // the transaction is decided; a server that hangs up early changes nothing
            }
        }

        /** Every recipient not yet decided, of every message, gets the reply that stopped the dialogue. */
        void failRest(SmtpReply reply, String step) {
            for (Transaction tx : txs) {
                fail(tx, reply, step);
            }
        }

        void failRest(boolean permanent, String status, String reason) {
            for (Transaction tx : txs) {
                fail(tx, permanent, status, reason);
            }
        }

        private void fail(Transaction tx, SmtpReply reply, String step) {
            for (QueueEntry e : tx.entries()) {
                if (!results.containsKey(e.id())) {
                    RecipientResult r = RecipientResult.of(e, reply, host, false);
                    if (r.kind() == RecipientResult.Kind.DELIVERED) {
                        r = RecipientResult.failed(e, false, "4.5.0", "unexpected reply to " + step + ": " + reply,
                                Optional.of(host.name()));
                    }
                    results.put(e.id(), r);
                }
            }
        }

        private void fail(Transaction tx, boolean permanent, String status, String reason) {
            for (QueueEntry e : tx.entries()) {
                results.putIfAbsent(e.id(), RecipientResult.failed(e, permanent, status, reason, Optional.of(host.name())));
            }
        }
    }

    /** ORCPT is {@code addr-type ";" xtext} (RFC 3461 §4.2); the type is kept, the address re-encoded. */
    static String orcpt(String stored) {
        int semicolon = stored.indexOf(';');
        if (semicolon < 0) {
            return "rfc822;" + Xtext.encode(Xtext.decode(stored));
        }
        return stored.substring(0, semicolon) + ";" + Xtext.encode(Xtext.decode(stored.substring(semicolon + 1)));
    }

}
