package org.mailroom.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import org.mailroom.store.Domains;

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
    /** Derby's usual port; loopback only, so it never collides with anything reachable from outside. */
    public static final int DEFAULT_ADMIN_PORT = 1527;

    /**
     * Characters a subaddress separator may be: those RFC 5322 §3.2.3 allows in an atom besides
     * letters and digits, without the dot (it would split {@code first.last}).
     */
    static final String SEPARATORS = "+-_=~#!$%&*/?^|{}'`";

    /**
     * Reads and checks the core keys: {@code hostname}, {@code bind.address}, {@code data.dir},
     * {@code admin.port}, {@code tls.certificate}, {@code tls.private-key}, {@code auth.allow-plaintext}
     * and {@code recipient.delimiter}.
     */
    public static CoreConfig from(Settings settings) {
        String hostname = hostname(settings);
        InetAddress bindAddress = settings.address("bind.address", "0.0.0.0");
        Path dataDir = settings.path("data.dir", "data");
        if (Files.exists(dataDir) && !Files.isDirectory(dataDir)) {
            throw settings.error("data.dir", "not a directory: " + dataDir);
        }
        int adminPort = settings.port("admin.port", DEFAULT_ADMIN_PORT);
        Optional<Path> certificate = settings.existingFile("tls.certificate");
        Optional<Path> privateKey = settings.existingFile("tls.private-key");
        if (certificate.isPresent() && privateKey.isEmpty()) {
            throw settings.error("tls.private-key", "must be set too when tls.certificate is set");
        }
        if (privateKey.isPresent() && certificate.isEmpty()) {
            throw settings.error("tls.certificate", "must be set too when tls.private-key is set");
        }
        boolean plaintext = settings.bool("auth.allow-plaintext", false);
        return new CoreConfig(hostname, bindAddress, dataDir, adminPort, certificate, privateKey, plaintext,
                separator(settings));
    }

    private static String hostname(Settings settings) {
        Optional<String> configured = settings.optional("hostname");
        if (configured.isPresent()) {
            String h = configured.get();
            if (!isHostName(h)) {
                throw settings.error("hostname", "not a host name (letters, digits, hyphens and dots, "
                        + "such as mail.example.org): '" + h + "'");
            }
            return Domains.normalize(h);
        }
        return machineName().orElseThrow(() -> settings.error("hostname",
                "not set, and this machine's name could not be found; set it, e.g. hostname = mail.example.org"));
    }

    /**
     * The machine's fully qualified name: the canonical name when the resolver knows one, otherwise
     * the plain host name, but never an address (an SMTP greeting needs a name, RFC 5321 §4.1.3
     * puts literals in brackets).
     */
    static Optional<String> machineName() {
        try {
            InetAddress local = InetAddress.getLocalHost();
            for (String candidate : new String[] {local.getCanonicalHostName(), local.getHostName()}) {
                if (isHostName(candidate)) {
                    return Optional.of(Domains.normalize(candidate));
                }
            }
        } catch (UnknownHostException e) {
            // falls through: the administrator has to name the host
        }
        return Optional.empty();
    }

    /** A domain name (RFC 5321 §4.1.2), not an address literal nor a dotted-quad address. */
    static boolean isHostName(String h) {
        if (h == null || h.isEmpty() || h.startsWith("[") || h.chars().allMatch(c -> c == '.' || Character.isDigit(c))
                || h.contains(":")) {
            return false;
        }
        String d = h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
        return Domains.isValid(d.toLowerCase(Locale.ROOT));
    }

    private static Optional<Character> separator(Settings settings) {
        Optional<String> v = settings.verbatim("recipient.delimiter");
        if (v.isEmpty()) {
            return Optional.of('+');
        }
        String s = v.get();
        if (s.isEmpty()) {
            return Optional.empty();
        }
        if (s.length() != 1 || SEPARATORS.indexOf(s.charAt(0)) < 0) {
            throw settings.error("recipient.delimiter", "must be one of the characters " + SEPARATORS
                    + " (or empty to turn subaddressing off), not '" + s + "'");
        }
        return Optional.of(s.charAt(0));
    }
}
