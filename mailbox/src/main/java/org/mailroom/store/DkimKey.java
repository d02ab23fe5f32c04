package org.mailroom.store;

import java.time.Instant;

/**
 * A DKIM signing key of a local domain.
 *
 * @param algorithm the a= value it signs with: {@code rsa-sha256} or {@code ed25519-sha256}
 * @param privateKey the PKCS#8 private key, base64 (never printed by the CLI, never logged)
 * @param publicKey the p= value of the DNS record to publish
 */
public record DkimKey(String domain, String selector, String algorithm, String privateKey, String publicKey,
                      Instant created) {

    @Override
    public String toString() {
        return "DkimKey[" + domain + " " + selector + " " + algorithm + "]"; // keeps the private key out of logs
    }
}
