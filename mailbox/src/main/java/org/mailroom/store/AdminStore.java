package org.mailroom.store;

import java.util.List;
import java.util.Optional;

/** What the admin CLI manages: domains, accounts, aliases, relay rules and quotas. */
public interface AdminStore {

    /** @throws StoreException ALREADY_EXISTS */
    void addDomain(String domain);

    /** @throws StoreException NOT_FOUND; NOT_ALLOWED while accounts or aliases of the domain exist */
    void removeDomain(String domain);

    List<String> domains();

    /**
     * Creates an account with INBOX and the special-use mailboxes (Drafts, Sent, Trash, Junk, Archive).
     *
     * @throws StoreException NOT_FOUND if its domain is not local; ALREADY_EXISTS if the address is
     *     taken by an account or an alias
     */
    Account addAccount(EmailAddress address, String passwordHash, String scramVerifier, Quota quota);

    /** Removes the account with all its mailboxes and messages. @throws StoreException NOT_FOUND */
    void removeAccount(EmailAddress address);

    /** Accounts sorted by address, of one domain or of all. */
    List<Account> accounts(Optional<String> domain);

    Optional<Account> account(EmailAddress address);

    /** @throws StoreException NOT_FOUND */
    void setCredentials(EmailAddress address, String passwordHash, String scramVerifier);

    /** @throws StoreException NOT_FOUND */
    void setEnabled(EmailAddress address, boolean enabled);

    /** @throws StoreException NOT_FOUND */
    void setQuota(EmailAddress address, Quota quota);

    /** The account's mailboxes with their counters, for {@code user show}. */
    List<MailboxInfo> mailboxesOf(EmailAddress address);

    QuotaUsage usageOf(EmailAddress address);

    /** @throws StoreException NOT_FOUND if the source's domain is not local; ALREADY_EXISTS */
    void addAlias(Alias alias);

    /** @throws StoreException NOT_FOUND */
    void removeAlias(String source);

    List<Alias> aliases(Optional<String> domain);

    /** @throws StoreException ALREADY_EXISTS */
    void addRelayRule(Cidr network);

    /** @throws StoreException NOT_FOUND */
    void removeRelayRule(Cidr network);

    List<Cidr> relayRules();
}
