package org.mailroom.store.derby;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.mailroom.store.Account;
import org.mailroom.store.Cidr;
import org.mailroom.store.EventBus;
import org.mailroom.store.MailboxEvent;
import org.mailroom.store.MailboxName;

/**
 * What every SMTP transaction asks of the directory, kept for a moment: whether a domain is local,
 * which networks may relay, which account an address names. Each message asked these four or five
 * times (MAIL, RCPT, and again at DATA), each a transaction of its own, for answers that change a few
 * times a year. Changes made through this store clear the cache at once; changes made by
 * {@code mailroom-admin} from its own process, through the network server, apply within
 * {@link #LIFETIME_NANOS} (two seconds), as Postfix's proxymap answers from its cache for a while.
 *
 * <p>Only the presence of an account is kept, never its absence: a new account receives its first
 * message at once, and an address refused is always refused by the database itself. An account
 * removed during the lifetime may still pass RCPT; its delivery then fails inside the commit, which
 * finds no account row, with a temporary error, and nothing is lost.
 *
 * <p>It also remembers which mailbox row a delivery to an account's INBOX (or Junk) goes to: a lookup
 * per mailbox in every group commit otherwise. Mailboxes are renamed and deleted only by this process
 * (IMAP; the admin tool removes whole accounts, and a commit for a removed account fails on its
 * account row first), and every such change publishes {@link MailboxEvent.MailboxesChanged}, on which
 * the account's mailboxes are forgotten ({@link #watching}).
 */
final class DirectoryCache {

    /** How long an answer is used without asking the database again. */
    static final long LIFETIME_NANOS = 2_000_000_000L;
    /** Accounts kept at most; beyond it the cache starts afresh (a small organisation has far fewer). */
    static final int MAX_ACCOUNTS = 10_000;

    private record Kept<T>(T value, long loadedAt) {
    }

    private final LongSupplier nanoTime;
    private final ConcurrentHashMap<String, Kept<Account>> accounts = new ConcurrentHashMap<>();
    /** Mailbox ids by account id and name; kept until the account's mailboxes change. */
    private final ConcurrentHashMap<Long, ConcurrentHashMap<String, Long>> mailboxes = new ConcurrentHashMap<>();
    private final Whole<Set<String>> domains = new Whole<>();
    private final Whole<List<Cidr>> relayRules = new Whole<>();
    /** Bumped by every clear: an answer loaded across a change is not kept. */
    private final AtomicLong generation = new AtomicLong();

    DirectoryCache(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    DirectoryCache() {
        this(System::nanoTime);
    }

    Set<String> domains(Supplier<? extends Collection<String>> load) {
        return domains.get(() -> Set.copyOf(load.get()));
    }

    List<Cidr> relayRules(Supplier<List<Cidr>> load) {
        return relayRules.get(() -> List.copyOf(load.get()));
    }

    /** The account with this address key, kept only if there is one. */
    Optional<Account> account(String key, Supplier<Optional<Account>> load) {
        Kept<Account> k = accounts.get(key);
        if (fresh(k)) {
            return Optional.of(k.value());
        }
        long g = generation.get();
        Optional<Account> found = load.get();
        if (found.isPresent() && g == generation.get()) {
            if (accounts.size() >= MAX_ACCOUNTS) {
                accounts.clear();
            }
            accounts.put(key, new Kept<>(found.get(), nanoTime.getAsLong()));
        } else if (found.isEmpty()) {
            accounts.remove(key);
        }
        return found;
    }

    OptionalLong mailboxId(long accountId, MailboxName name) {
        Map<String, Long> ids = mailboxes.get(accountId);
        Long id = ids == null ? null : ids.get(name.path());
        return id == null ? OptionalLong.empty() : OptionalLong.of(id);
    }

    void rememberMailbox(long accountId, MailboxName name, long mailboxId) {
        if (mailboxes.size() >= MAX_ACCOUNTS) {
            mailboxes.clear();
        }
        mailboxes.computeIfAbsent(accountId, k -> new ConcurrentHashMap<>()).put(name.path(), mailboxId);
    }

    void forgetMailboxes(long accountId) {
        mailboxes.remove(accountId);
    }

    /**
     * The store's events as {@code bus} delivers them, after this cache has forgotten the mailboxes of
     * an account whose mailboxes changed: a delivery committed after the change looks them up again.
     */
    EventBus watching(EventBus bus) {
        return new EventBus() {
            @Override
            public Subscription subscribe(long accountId, java.util.function.Consumer<MailboxEvent> listener) {
                return bus.subscribe(accountId, listener);
            }

            @Override
            public void publish(MailboxEvent event) {
                if (event instanceof MailboxEvent.MailboxesChanged) {
                    forgetMailboxes(event.accountId());
                }
                bus.publish(event);
            }
        };
    }

    /** Forgets everything: the directory was changed through this store. */
    void clear() {
        generation.incrementAndGet();
        domains.forget();
        relayRules.forget();
        accounts.clear();
        mailboxes.clear();
    }

    /** An answer read whole (every domain, every relay rule), kept for the lifetime. */
    private final class Whole<T> {

        private volatile Kept<T> kept;

        T get(Supplier<T> load) {
            Kept<T> k = kept;
            if (fresh(k)) {
                return k.value();
            }
            long g = generation.get();
            Kept<T> loaded = new Kept<>(load.get(), nanoTime.getAsLong());
            if (g == generation.get()) {
                kept = loaded;
            }
            return loaded.value();
        }

        void forget() {
            kept = null;
        }
    }

    private boolean fresh(Kept<?> k) {
        return k != null && nanoTime.getAsLong() - k.loadedAt() < LIFETIME_NANOS;
    }
}
