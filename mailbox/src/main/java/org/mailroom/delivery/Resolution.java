package org.mailroom.delivery;

import java.util.List;
import org.mailroom.store.Account;
import org.mailroom.store.EmailAddress;

/**
 * Where one envelope recipient's mail goes after aliases, subaddresses and catch-alls: local accounts
 * and remote addresses. Both empty means nobody has the address.
 */
record Resolution(List<Account> accounts, List<EmailAddress> remote) {

    static final Resolution UNKNOWN = new Resolution(List.of(), List.of());

    boolean isUnknown() {
        return accounts.isEmpty() && remote.isEmpty();
    }
}
