package org.mailroom.delivery;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.mailroom.store.Account;
import org.mailroom.store.Alias;
import org.mailroom.store.DeliveryStore;
import org.mailroom.store.EmailAddress;

/**
 * Resolves an address the way Postfix's virtual maps do, in this order: an account; an alias of the
 * exact address; the same two for the address without its subaddress detail ({@code alice+lists@}
 * → {@code alice@}); the domain's catch-all ({@code @domain}). Alias targets are resolved again, to
 * {@code maxAliasDepth} levels; a cycle or a deeper chain resolves to nothing rather than looping.
 */
final class RecipientResolver {

    private final DeliveryStore store;
    private final DeliveryConfig config;

    RecipientResolver(DeliveryStore store, DeliveryConfig config) {
        this.store = store;
        this.config = config;
    }

    Resolution resolve(EmailAddress address) {
        // Accounts exist only in local domains, so the common case, an address with an account of
        // its own, is answered by one query instead of a domain check and then the account.
        Optional<Account> own = store.findAccount(address);
        if (own.isPresent()) {
            return new Resolution(List.of(own.get()), List.of());
        }
        if (!store.isLocalDomain(address.domain())) {
            return new Resolution(List.of(), List.of(address));
        }
        Map<Long, Account> accounts = new LinkedHashMap<>();
        Set<EmailAddress> remote = new LinkedHashSet<>();
        if (!expandLocal(address, 0, new LinkedHashSet<>(), accounts, remote)) {
            return Resolution.UNKNOWN;
        }
        return new Resolution(new ArrayList<>(accounts.values()), new ArrayList<>(remote));
    }

    /** Adds what {@code address} expands to; false if it names nobody. */
    private boolean expand(EmailAddress address, int depth, Set<String> seen, Map<Long, Account> accounts,
                           Set<EmailAddress> remote) {
        if (!store.isLocalDomain(address.domain())) {
            remote.add(address);
            return true;
        }
        return expandLocal(address, depth, seen, accounts, remote);
    }

    /** {@link #expand} of an address whose domain is known to be local (one query fewer per delivery). */
    private boolean expandLocal(EmailAddress address, int depth, Set<String> seen, Map<Long, Account> accounts,
                                Set<EmailAddress> remote) {
        if (depth > config.maxAliasDepth() || !seen.add(address.key())) {
            return false;
        }
        for (EmailAddress candidate : candidates(address)) {
            Optional<Account> account = store.findAccount(candidate);
            if (account.isPresent()) {
                accounts.putIfAbsent(account.get().id(), account.get());
                return true;
            }
            Optional<Alias> alias = store.findAlias(candidate.key());
            if (alias.isPresent()) {
                return expandAlias(alias.get(), depth, seen, accounts, remote);
            }
        }
        Optional<Alias> catchAll = store.findAlias("@" + address.domain());
        return catchAll.isPresent() && expandAlias(catchAll.get(), depth, seen, accounts, remote);
    }

    private boolean expandAlias(Alias alias, int depth, Set<String> seen, Map<Long, Account> accounts,
                                Set<EmailAddress> remote) {
        boolean any = false;
        for (EmailAddress target : alias.targets()) {
            any |= expand(target, depth + 1, seen, accounts, remote);
        }
        return any;
    }

    /** The address itself, then its base without the subaddress detail, if it has one. */
    List<EmailAddress> candidates(EmailAddress address) {
        List<EmailAddress> out = new ArrayList<>(2);
        out.add(address);
        config.subaddressSeparator().ifPresent(sep -> {
            int i = address.localPart().indexOf(sep);
            if (i > 0) {
                out.add(address.withLocalPart(address.localPart().substring(0, i)));
            }
        });
        return out;
    }
}
