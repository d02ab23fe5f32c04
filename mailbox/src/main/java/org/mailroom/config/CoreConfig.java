package org.mailroom.config;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The settings every part of the server shares.
 *
 * @param hostname the name the server gives itself in banners, Received headers and certificates
 * @param bindAddress where every listener binds
 * @param dataDir the Derby database, the generated TLS material and admin credential live here
 * @param adminPort Derby's network server on loopback, for {@code mailroom-admin} while the server runs
 * @param tlsCertificate PEM certificate chain; empty means a self-signed one is generated in dataDir
 * @param tlsPrivateKey PEM private key belonging to {@code tlsCertificate}
 * @param allowPlaintextAuth whether a password may be sent before TLS (never, by default)
 * @param subaddressSeparator the character that separates a local part from its detail ({@code alice+lists})
 */
public record CoreConfig(
        String hostname,
        InetAddress bindAddress,
        Path dataDir,
        int adminPort,
        Optional<Path> tlsCertificate,
        Optional<Path> tlsPrivateKey,
        boolean allowPlaintextAuth,
        Optional<Character> subaddressSeparator) {
}
