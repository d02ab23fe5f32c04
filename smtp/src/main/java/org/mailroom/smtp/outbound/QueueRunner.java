package org.mailroom.smtp.outbound;

import java.io.IOException;
import java.io.InputStream;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.mailroom.delivery.DeliveryPort;
import org.mailroom.smtp.outbound.RecipientResult.Kind;
import org.mailroom.store.QueueStore;
import org.mailroom.store.QueueStore.QueueEntry;
import org.mailroom.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the outbound queue: scans for due entries, groups the recipients of one message by
 * destination domain into one SMTP transaction, runs a bounded number of deliveries at once (and a
 * bounded number per destination), and records each outcome: removed when delivered or bounced,
 * deferred with a growing wait otherwise, with RFC 3464 notices to the sender as NOTIFY asks.
 *
 * <p>An entry changes in the store only after its attempt has ended, so a crash or a {@link #close()}
 * in the middle leaves it due, never lost (at worst it is delivered twice, RFC 5321 §6.1's accepted risk).
 */
public final class QueueRunner implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(QueueRunner.class);
    static final int SCAN_LIMIT = 1000;
    /** RFC 5321 §4.5.3.1.8: every server takes at least 100 recipients in one transaction. */
    static final int MAX_RECIPIENTS = 100;
    /** Messages sent over one connection before it is closed and the rest wait for another worker. */
    static final int MAX_MESSAGES_PER_CONNECTION = 20;

    private final OutboundConfig config;
    private final QueueStore queue;
    private final Clock clock;
    private final Router router;
    private final RemoteDelivery remote;
    private final Outcomes outcomes;
    private final Optional<SmtpClientFactory> ownedClients;
    private final ExecutorService workers;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wakeCondition = lock.newCondition();
    private final Map<String, Integer> perDestination = new HashMap<>();
    private final Set<Long> inFlight = ConcurrentHashMap.newKeySet();
    private final Set<Attempt> attempts = ConcurrentHashMap.newKeySet();
    private int running;
    private boolean wake;
    private volatile boolean closing;
    private Thread scheduler;

    /**
     * @param mx how MX hosts are found ({@link DnsMxResolver})
     * @param clients opens connections; the caller closes it after this runner
     * @param delivery where notices go: the delivery agent, which stores them locally or queues them
     */
    public QueueRunner(OutboundConfig config, QueueStore queue, MxResolver mx, SmtpClientFactory clients, Clock clock,
                       DeliveryPort delivery) {
        this(config, queue, mx, clients, clock, delivery, Optional.empty());
    }

    private QueueRunner(OutboundConfig config, QueueStore queue, MxResolver mx, SmtpClientFactory clients, Clock clock,
                        DeliveryPort delivery, Optional<SmtpClientFactory> owned) {
        this.config = config;
        this.queue = queue;
        this.clock = clock;
        this.router = new Router(config, mx);
        this.remote = new RemoteDelivery(config.hostname(), clients);
        this.outcomes = new Outcomes(config, queue, clock,
                new Notices(new DsnWriter(config.hostname(), clock), delivery, queue));
        this.ownedClients = owned;
        AtomicInteger n = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(config.concurrency(), r -> {
            Thread t = new Thread(r, "queue-delivery-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * The runner as the server uses it: DNS through {@code dns.servers} (or the system's resolvers), the
     * JVM's trust store for a smarthost's certificate, the system clock. Its client factory closes with it.
     */
    public static QueueRunner standard(OutboundConfig config, QueueStore queue, DeliveryPort delivery)
            throws GeneralSecurityException {
        SmtpClientFactory clients = new SmtpClientFactory(config.timeouts());
        MxResolver mx = DnsMxResolver.forServers(config.dnsServers(), config.dnsTimeout());
        return new QueueRunner(config, queue, mx, clients, Clock.systemUTC(), delivery, Optional.of(clients));
    }

    /** Starts the background scans: at once, then every poll interval or when woken. */
    public synchronized void start() {
        if (scheduler != null || closing) {
            return;
        }
        scheduler = new Thread(this::loop, "queue-scheduler");
        scheduler.setDaemon(true);
        scheduler.start();
    }

    /** Asks for a scan now, e.g. after the delivery agent queued a message. */
    public void wakeUp() {
        lock.lock();
        try {
            wake = true;
            wakeCondition.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Attempts every entry due now and returns when those attempts have ended: for {@code queue retry}
     * style use and for tests, without {@link #start()}.
     */
    public void deliverDue() {
        for (int round = 0; round < 10_000 && !closing; round++) {
            List<Future<Boolean>> started = scan();
            if (started.isEmpty()) {
                return;
            }
            for (Future<Boolean> f : started) {
                try {
                    if (!f.get()) {
                        return;
                    }
                } catch (ExecutionException e) {
                    return;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /**
     * Stops scanning, lets deliveries in progress finish for up to the shutdown grace, then aborts the
     * rest: an aborted attempt records nothing, so its entries stay due for the next start.
     */
    @Override
    public void close() {
        lock.lock();
        try {
            closing = true;
            wake = true;
            wakeCondition.signalAll();
        } finally {
            lock.unlock();
        }
        try {
            Thread s;
            synchronized (this) {
                s = scheduler;
            }
            if (s != null) {
                s.join();
            }
            workers.shutdown();
            if (!workers.awaitTermination(config.shutdownGrace().toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.info("aborting {} deliveries in progress; their entries stay due", attempts.size());
                attempts.forEach(Attempt::abort);
                if (!workers.awaitTermination(10, TimeUnit.SECONDS)) {
                    workers.shutdownNow();
                }
            }
        } catch (InterruptedException e) {
            attempts.forEach(Attempt::abort);
            workers.shutdownNow();
            Thread.currentThread().interrupt();
        }
        ownedClients.ifPresent(SmtpClientFactory::close);
    }

    private void loop() {
        while (!closing) {
            scan();
            lock.lock();
            try {
                if (!wake && !closing) {
                    wakeCondition.await(config.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                }
                wake = false;
            } catch (InterruptedException e) {
                return;
            } finally {
                lock.unlock();
            }
        }
    }

    /**
     * Messages for one domain, for one connection: each a list of entries sharing their content, at
     * most {@link #MAX_RECIPIENTS} of them.
     */
    private record Batch(String domain, List<List<QueueEntry>> messages) {
        List<QueueEntry> entries() {
            return messages.stream().flatMap(List::stream).toList();
        }
    }

    private List<Future<Boolean>> scan() {
        if (closing) {
            return List.of();
        }
        List<QueueEntry> due;
        try {
            due = queue.due(clock.instant(), SCAN_LIMIT + inFlight.size());
        } catch (StoreException e) {
            LOG.warn("cannot read the queue: {}", e.toString());
            return List.of();
        }
        List<Future<Boolean>> started = new ArrayList<>();
        for (Batch batch : batches(due)) {
            String destination = router.key(batch.domain());
            lock.lock();
            try {
                if (closing || running >= config.concurrency()) {
                    break;
                }
                if (perDestination.getOrDefault(destination, 0) >= config.perDestination()) {
                    continue;
                }
                running++;
                perDestination.merge(destination, 1, Integer::sum);
                batch.entries().forEach(e -> inFlight.add(e.id()));
            } finally {
                lock.unlock();
            }
            started.add(workers.submit(() -> run(batch, destination)));
        }
        return started;
    }

    /** Groups due entries by domain, then by message, into batches of bounded size, oldest first. */
    private List<Batch> batches(List<QueueEntry> due) {
        Map<String, Map<Long, List<QueueEntry>>> byDomain = new LinkedHashMap<>();
        for (QueueEntry e : due) {
            if (!inFlight.contains(e.id())) {
                byDomain.computeIfAbsent(e.recipient().recipient().domain(), d -> new LinkedHashMap<>())
                        .computeIfAbsent(e.contentId(), c -> new ArrayList<>()).add(e);
            }
        }
        List<Batch> out = new ArrayList<>();
        for (Map.Entry<String, Map<Long, List<QueueEntry>>> domain : byDomain.entrySet()) {
            List<List<QueueEntry>> messages = new ArrayList<>();
            for (List<QueueEntry> recipients : domain.getValue().values()) {
                for (int i = 0; i < recipients.size(); i += MAX_RECIPIENTS) {
                    messages.add(recipients.subList(i, Math.min(recipients.size(), i + MAX_RECIPIENTS)));
                    if (messages.size() == MAX_MESSAGES_PER_CONNECTION) {
                        out.add(new Batch(domain.getKey(), List.copyOf(messages)));
                        messages.clear();
                    }
                }
            }
            if (!messages.isEmpty()) {
                out.add(new Batch(domain.getKey(), List.copyOf(messages)));
            }
        }
        return out;
    }

    private boolean run(Batch batch, String destination) {
        boolean ok = false;
        try {
            process(batch);
            ok = true;
        } catch (RuntimeException e) {
            // The store failed, most likely: the entries stay due and the next poll tries again.
            LOG.error("delivery of queue entries {} failed", ids(batch.entries()), e);
        } finally {
            lock.lock();
            try {
                running--;
                perDestination.computeIfPresent(destination, (k, v) -> v > 1 ? v - 1 : null);
                batch.entries().forEach(e -> inFlight.remove(e.id()));
            } finally {
                lock.unlock();
            }
            if (ok) {
                wakeUp();
            }
        }
        return ok;
    }

    private void process(Batch batch) {
        Attempt attempt = new Attempt();
        attempts.add(attempt);
        try {
            Router.Route route = router.route(batch.domain());
            List<List<RecipientResult>> results = new ArrayList<>();
            if (route.destination() instanceof Destination.Unreachable u) {
                for (List<QueueEntry> message : batch.messages()) {
                    results.add(message.stream().map(e -> RecipientResult.failed(e, u.permanent(), u.status(),
                            u.reason(), Optional.empty())).toList());
                }
            } else {
                Destination.Hosts hosts = (Destination.Hosts) route.destination();
                List<Transaction> txs = new ArrayList<>();
                for (List<QueueEntry> message : batch.messages()) {
                    txs.add(transaction(message));
                }
                // Each message is recorded as soon as it is decided, while the connection goes on.
                remote.deliver(hosts.hosts(), route.policy(), txs, attempt::use, (tx, r) -> record(r, attempt));
                return;
            }
            results.forEach(r -> record(r, attempt));
        } finally {
            attempts.remove(attempt);
        }
    }

    private void record(List<RecipientResult> message, Attempt attempt) {
        List<RecipientResult> decided = message;
        if (attempt.aborted) {
            // Only what a remote server decided counts; the rest stays due for the next start.
            decided = message.stream().filter(r -> r.reply().isPresent() && r.kind() != Kind.TEMPORARY).toList();
        }
        outcomes.record(decided);
    }

    private Transaction transaction(List<QueueEntry> message) {
        long contentOf = message.get(0).id();
        MessageTraits traits;
        try (InputStream in = queue.openContent(contentOf)) {
            traits = MessageTraits.scan(in, addresses(message));
        } catch (IOException e) {
            throw new StoreException(org.mailroom.store.StoreError.TEMPORARILY_UNAVAILABLE, "cannot read queued message", e);
        }
        return new Transaction(message, traits, () -> queue.openContent(contentOf));
    }

    private static List<org.mailroom.store.EmailAddress> addresses(List<QueueEntry> entries) {
        List<org.mailroom.store.EmailAddress> out = new ArrayList<>();
        for (QueueEntry e : entries) {
            out.add(e.recipient().recipient());
            e.recipient().sender().ifPresent(out::add);
        }
        return out;
    }

    private static List<Long> ids(List<QueueEntry> entries) {
        return entries.stream().map(QueueEntry::id).toList();
    }

    /** The connection of one attempt in progress, so that close() can abort it. */
    private static final class Attempt {
        private volatile SmtpClient client;
        volatile boolean aborted;

        void use(Optional<SmtpClient> c) {
            client = c.orElse(null);
            if (aborted && client != null) {
                client.abort();
            }
        }

        void abort() {
            aborted = true;
            SmtpClient c = client;
            if (c != null) {
                c.abort();
            }
        }
    }
}
