package org.mailroom.store;

import java.util.Optional;

/** What authentication reads: an account's stored password hash and SCRAM verifier. */
public interface CredentialStore {

    Optional<StoredCredentials> find(EmailAddress address);

    /**
     * @param passwordHash the slow salted hash, in the self-describing text form of the auth package
     * @param scramVerifier the SCRAM-SHA-256 salt, iteration count, StoredKey and ServerKey, as text
     */
    record StoredCredentials(long accountId, EmailAddress address, boolean enabled, String passwordHash,
                             String scramVerifier) {
    }
}
