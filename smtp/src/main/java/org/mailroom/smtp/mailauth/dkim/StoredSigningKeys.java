package org.mailroom.smtp.mailauth.dkim;

import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.mailroom.store.DkimKey;
import org.mailroom.store.DkimKeyStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Signing keys from the store: for each algorithm the domain's newest key (so that {@code dkim generate}
 * with a new selector rotates the key at once). Read on every call, so a key added or removed with the
 * CLI takes effect without a restart; a key that cannot be decoded is logged (without its content)
 * and skipped.
 */
public final class StoredSigningKeys implements SigningKeySource {

    private static final Logger LOG = LoggerFactory.getLogger(StoredSigningKeys.class);

    private final DkimKeyStore store;

    public StoredSigningKeys(DkimKeyStore store) {
        this.store = store;
    }

    @Override
    public List<SigningKey> keysFor(String domain) {
        List<SigningKey> out = new ArrayList<>();
        Set<DkimAlgorithm> seen = EnumSet.noneOf(DkimAlgorithm.class);
        for (DkimKey k : store.list(Optional.of(domain))) { // newest first
            DkimAlgorithm algorithm;
            try {
                algorithm = DkimAlgorithm.parse(k.algorithm());
            } catch (IllegalArgumentException e) {
                LOG.warn("DKIM key {} of {} has an unknown algorithm {}", k.selector(), k.domain(), k.algorithm());
                continue;
            }
            if (!seen.add(algorithm)) {
                continue;
            }
            try {
                out.add(new SigningKey(k.domain(), k.selector(), algorithm,
                        DkimKeys.privateKey(algorithm, Base64.getDecoder().decode(k.privateKey()))));
            } catch (GeneralSecurityException | IllegalArgumentException e) {
                LOG.warn("DKIM key {} of {} cannot be read; not signing with it", k.selector(), k.domain());
            }
        }
        // rsa-sha256 first: verifiers that know only RSA meet it first
        out.sort((a, b) -> a.algorithm().compareTo(b.algorithm()));
        return out;
    }
}
