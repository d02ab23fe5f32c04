package org.mailroom.admin.command;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.mailroom.admin.AdminFailure;
import org.mailroom.admin.MailroomAdmin;
import org.mailroom.store.AdminStore;
import org.mailroom.store.Alias;
import org.mailroom.store.EmailAddress;
import org.mailroom.store.StoreError;
import org.mailroom.store.StoreException;

/**
 * What every leaf command shares: the session's configuration and store, and the translation of a
 * store error into the line the administrator reads. Each store call is one transaction, so a command
 * that fails has changed nothing.
 */
abstract class AdminCommand implements Callable<Integer> {

    protected final MailroomAdmin admin;

    protected AdminCommand(MailroomAdmin admin) {
        this.admin = admin;
    }

    @Override
    public final Integer call() {
        run();
        admin.out().flush();
        return 0;
    }

    protected abstract void run();

    protected PrintWriter out() {
        return admin.out();
    }

    protected AdminStore store() {
        return admin.store().admin();
    }

    /**
     * The failure to report for a store error: the message this command gives for that error, or the
     * store's own exception when the command has none for it (an unavailable database, say).
     */
    protected static RuntimeException failure(StoreException e, Map<StoreError, String> messages) {
        String message = messages.get(e.error());
        return message == null ? e : new AdminFailure(message);
    }

    protected void requireDomain(String domain) {
        if (!store().domains().contains(domain)) {
            throw noDomain(domain);
        }
    }

    /** Whether an account or an alias has the address. */
    protected boolean isTaken(EmailAddress address) {
        return store().account(address).isPresent() || store().aliases(Optional.of(address.domain())).stream()
                .anyMatch(a -> a.source().equals(address.key()));
    }

    /** The sources of the aliases that have the address among their targets. */
    protected List<String> aliasesTo(EmailAddress address) {
        return store().aliases(Optional.empty()).stream()
                .filter(a -> a.targets().stream().anyMatch(t -> t.key().equals(address.key())))
                .map(Alias::source).toList();
    }

    protected static AdminFailure taken(EmailAddress address) {
        return new AdminFailure(address + " already exists as a user or an alias");
    }

    protected static AdminFailure noDomain(String domain) {
        return new AdminFailure("domain " + domain + " does not exist (add it with: mailroom-admin domain add "
                + domain + ")");
    }

    protected static AdminFailure noUser(EmailAddress address) {
        return new AdminFailure("user " + address + " does not exist");
    }
}
