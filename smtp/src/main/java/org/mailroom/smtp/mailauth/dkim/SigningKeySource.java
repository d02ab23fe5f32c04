package org.mailroom.smtp.mailauth.dkim;

import java.util.List;

/** Where the signer finds keys: the store in production ({@link StoredSigningKeys}). */
@FunctionalInterface
public interface SigningKeySource {

    /** The keys to sign a message of this domain with; empty when the domain has none. */
    List<SigningKey> keysFor(String domain);
}
