package org.mailroom.smtp.outbound;

import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 * Delivers one {@link Transaction} to the hosts of its destination, best first: one connection, one
 * MAIL transaction for all its recipients. A host that fails before taking anything (no connection,
 * a 4xx greeting, every recipient deferred) hands the recipients to the next host (RFC 5321 §5.1);
 * a definite answer, success or 5xx, ends the attempt.
 */
final class RemoteDelivery {

    private static final Logger LOG = LoggerFactory.getLogger(RemoteDelivery.class);

    private final String heloName;
    private final SmtpClientFactory clients;

    RemoteDelivery(String heloName, SmtpClientFactory clients) {
        this.heloName = heloName;
        this.clients = clients;
    }

    /**
     * @param active told of each open connection, so that a closing runner can abort it
     * @return one result per entry of the transaction, in its order
     */
    List<RecipientResult> deliver(List<RemoteHost> hosts, ConnectionPolicy policy, Transaction tx,
                                  Consumer<Optional<SmtpClient>> active) {
        HostOutcome last = null;
        for (RemoteHost host : hosts) {
            HostOutcome o = attempt(host, policy, tx, true, active);
            if (o.tlsFailed && policy.tls() == TlsMode.OPPORTUNISTIC) {
                // Postfix's rule for "may": a broken TLS stack at the MX must not stop the mail; try plain.
                o = attempt(host, policy, tx, false, active);
            }
            last = o;
            if (!o.tryNextHost()) {
                break;
            }
        }
        return last.results();
    }

    private HostOutcome attempt(RemoteHost host, ConnectionPolicy policy, Transaction tx, boolean useTls,
                                Consumer<Optional<SmtpClient>> active) {
        Session s = new Session(host, tx);
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
        boolean allTemporary = s.results.values().stream().allMatch(r -> r.kind() == RecipientResult.Kind.TEMPORARY);
        List<RecipientResult> inOrder = tx.entries().stream().map(e -> s.results.get(e.id())).toList();
        return new HostOutcome(inOrder, allTemporary && !s.dataSent, s.tlsFailed);
    }

    private record HostOutcome(List<RecipientResult> results, boolean tryNextHost, boolean tlsFailed) {
    }

    /** One connection's dialogue; fills {@link #results} as replies decide each recipient. */
    private final class Session {
        final RemoteHost host;
        final Transaction tx;
        final Map<Long, RecipientResult> results = new LinkedHashMap<>();
        boolean tlsFailed;
        boolean tlsDone;
        boolean dataSent;
        String tlsDescription = "none";
        private String phase = "";
        private Capabilities caps = Capabilities.NONE;

        Session(RemoteHost host, Transaction tx) {
            this.host = host;
            this.tx = tx;
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
            if (caps.maxSize() > 0 && tx.size() > caps.maxSize()) {
                // RFC 1870 §6: the server said it takes nothing this large; no other attempt will change that.
                failRest(true, "5.3.4", "message of " + tx.size() + " bytes exceeds the limit of " + caps.maxSize()
                        + " bytes at " + host);
                return;
            }
            if (tx.traits().needsSmtpUtf8() && !caps.has("SMTPUTF8")) {
                // RFC 6531 §3.2: without SMTPUTF8 at the server such a message cannot be sent; we do not downgrade.
                failRest(true, tx.traits().utf8Addresses() ? "5.6.7" : "5.6.9", host
                        + " does not support SMTPUTF8, which this message needs");
                return;
            }
            transactions(c, t);
        }

        /**
         * As many transactions as the server's limits ask for: at most LIMITS RCPTMAX recipients each
         * (RFC 9422 §4.2), and those refused with 452 as too many go again in the next (RFC 5321 §4.5.3.1.10).
         */
        private void transactions(SmtpClient c, Timeouts t) throws IOException {
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
                List<QueueEntry> next = new ArrayList<>(transaction(c, t, chunk));
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
        private List<QueueEntry> transaction(SmtpClient c, Timeouts t, List<QueueEntry> entries) throws IOException {
            boolean dsn = caps.has("DSN");
            boolean pipelining = caps.has("PIPELINING");
            phase = " after MAIL";
            c.write(mailCommand(dsn));
            SmtpReply mail = null;
            if (!pipelining) {
                c.flush(t.command());
                mail = c.read(t.command());
                if (!mail.isPositive()) {
                    failRest(mail, "MAIL");
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
            dataSent = true;
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

        private String mailCommand(boolean dsn) {
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

        /** Every recipient not yet decided gets the reply that stopped the dialogue. */
        void failRest(SmtpReply reply, String step) {
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

        void failRest(boolean permanent, String status, String reason) {
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
