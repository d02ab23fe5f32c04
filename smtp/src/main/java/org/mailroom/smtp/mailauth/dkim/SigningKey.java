package org.mailroom.smtp.mailauth.dkim;

import java.security.PrivateKey;

/** A private key with the domain and selector it signs for. */
public record SigningKey(String domain, String selector, DkimAlgorithm algorithm, PrivateKey key) {
}
