package org.mailroom.store;

import java.util.List;
import java.util.Optional;

/** DKIM signing keys per local domain and selector: the CLI manages them, the signer reads them. */
public interface DkimKeyStore {

    /** @throws StoreException NOT_FOUND if the domain is not local; ALREADY_EXISTS for a taken selector */
    void add(DkimKey key);

    /** @throws StoreException NOT_FOUND */
    void remove(String domain, String selector);

    Optional<DkimKey> find(String domain, String selector);

    /** The keys of one domain or of all, by domain, then newest first. */
    List<DkimKey> list(Optional<String> domain);
}
