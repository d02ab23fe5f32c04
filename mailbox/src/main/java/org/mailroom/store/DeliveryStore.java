package org.mailroom.store;

import java.util.List;
import java.util.Optional;

/**
 * What the delivery agent reads and writes: address resolution data and the one atomic commit of a
 * delivery. Resolution policy (aliases, subaddresses, catch-alls, quotas) lives in the agent, not here.
 */
public interface DeliveryStore {

    boolean isLocalDomain(String domain);

    /** The account whose address is {@code address} (compared by {@link EmailAddress#key()}). */
    Optional<Account> findAccount(EmailAddress address);

    /** The alias with exactly this source ({@code local@domain} or {@code @domain}), if any. */
    Optional<Alias> findAlias(String source);

    QuotaUsage usage(long accountId);

    /** The aliases that forward to {@code target}: addresses its owner may also send as. */
    List<Alias> aliasesTargeting(EmailAddress target);

    /** Networks allowed to relay without authentication. */
    List<Cidr> relayRules();

    /**
     * Stores the content once and, in the same transaction, a message row for every local copy and a
     * queue entry for every remote recipient; then publishes the events. Either all of it commits or
     * none of it does.
     *
     * @return the UID each local copy got, in the order of {@link DeliveryBatch#copies()}
     * @throws StoreException {@link StoreError#OVER_QUOTA} if a copy no longer fits (checked inside
     *     the transaction), {@link StoreError#TEMPORARILY_UNAVAILABLE} if the commit failed
     */
    List<Long> commit(DeliveryBatch batch);
}
