package org.mailroom.tls;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;
import org.mailroom.config.ConfigException;
import org.mailroom.config.CoreConfig;

/**
 * The server's certificate chain and private key, and the {@link SSLContext} every protocol's TLS
 * (STARTTLS/STLS and implicit TLS) is built from.
 *
 * <p>From {@code tls.certificate} and {@code tls.private-key} when configured (certbot's
 * {@code fullchain.pem} and {@code privkey.pem}); otherwise from a self-signed certificate for the host
 * name, generated at first start under {@code data.dir/tls/} and reused afterwards, so clients that
 * pinned it keep working across restarts.
 *
 * <p>Only TLS 1.2 and 1.3 are offered, without anonymous, export, NULL, RC4 or (3)DES suites
 * (DESIGN.md, "Security by default"; RFC 8996 deprecates TLS 1.0 and 1.1).
 */
public final class TlsMaterial {

    static final String CERTIFICATE_KEY = "tls.certificate";
    static final String PRIVATE_KEY_KEY = "tls.private-key";
    private static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");
    private static final List<String> WEAK = List.of("_anon_", "_NULL_", "_EXPORT", "_RC4_", "_3DES_", "_DES_",
            "_DES40_", "_MD5");

    private final List<X509Certificate> chain;
    private final Path certificateFile;
    private final SSLContext context;
    private final String[] protocols;
    private final String[] cipherSuites;

    private TlsMaterial(List<X509Certificate> chain, PrivateKey key, Path certificateFile) {
        this.chain = List.copyOf(chain);
        this.certificateFile = certificateFile;
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            char[] none = new char[0];
            store.setKeyEntry("server", key, none, chain.toArray(new X509Certificate[0]));
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(store, none);
            SSLContext plain = SSLContext.getInstance("TLS");
            plain.init(kmf.getKeyManagers(), null, new SecureRandom());
            this.protocols = List.of(plain.getSupportedSSLParameters().getProtocols()).stream()
                    .filter(PROTOCOLS::contains).toArray(String[]::new);
            this.cipherSuites = List.of(plain.getDefaultSSLParameters().getCipherSuites()).stream()
                    .filter(TlsMaterial::isStrong).toArray(String[]::new);
            this.context = new RestrictedSslContext(plain, serverParameters());
        } catch (GeneralSecurityException | IOException e) {
            throw new ConfigException(CERTIFICATE_KEY + ": cannot use the certificate and key: " + e.getMessage(), e);
        }
    }

    /**
     * The configured certificate and key, or the generated self-signed pair.
     *
     * @throws ConfigException naming {@code tls.certificate} or {@code tls.private-key} when a file is
     *     unreadable, holds no certificate or key, or the key does not belong to the certificate
     */
    public static TlsMaterial load(CoreConfig core) {
        if (core.tlsCertificate().isPresent() && core.tlsPrivateKey().isPresent()) {
            return fromFiles(core.tlsCertificate().get(), core.tlsPrivateKey().get());
        }
        return selfSigned(core.dataDir().resolve("tls"), core.hostname());
    }

    /** A chain and key from PEM files (see {@link PemFiles} for the forms read). */
    public static TlsMaterial fromFiles(Path certificate, Path privateKey) {
        List<X509Certificate> chain = PemFiles.readChain(certificate, CERTIFICATE_KEY);
        PrivateKey key = PemFiles.readPrivateKey(privateKey, PRIVATE_KEY_KEY);
        if (!key.getAlgorithm().equals("RSA") && !key.getAlgorithm().startsWith("EC")) {
            throw new ConfigException(PRIVATE_KEY_KEY + ": the key in " + privateKey + " is " + key.getAlgorithm()
                    + "; only RSA and EC keys are supported");
        }
        if (!belongTogether(key, chain.get(0).getPublicKey())) {
            throw new ConfigException(PRIVATE_KEY_KEY + ": the key in " + privateKey
                    + " does not belong to the first certificate in " + certificate + " (tls.certificate)");
        }
        return new TlsMaterial(chain, key, certificate);
    }

    /**
     * The self-signed pair kept in {@code dir}, created there first if it is not there yet, and made
     * anew when the host name changed or it is about to expire (it was ours to make, so ours to replace).
     */
    public static TlsMaterial selfSigned(Path dir, String hostname) {
        Path cert = dir.resolve(SelfSignedCertificate.CERTIFICATE_FILE);
        Path key = dir.resolve(SelfSignedCertificate.KEY_FILE);
        if (Files.exists(cert) && Files.exists(key)) {
            try {
                TlsMaterial kept = fromFiles(cert, key);
                if (SelfSignedCertificate.fits(kept.chain().get(0), hostname)) {
                    return kept;
                }
            } catch (ConfigException e) {
                // damaged by hand: replaced below like an outdated one
            }
        }
        try {
            SelfSignedCertificate.create(dir, hostname);
        } catch (IOException | GeneralSecurityException e) {
            throw new ConfigException("data.dir: cannot write a self-signed TLS certificate into " + dir + ": "
                    + e.getMessage() + " (or set " + CERTIFICATE_KEY + " and " + PRIVATE_KEY_KEY + ")", e);
        }
        return fromFiles(cert, key);
    }

    /**
     * The context for the server side of every TLS connection. Engines it creates already have the
     * protocols and cipher suites of {@link #serverParameters()}; the caller still sets the mode.
     */
    public SSLContext sslContext() {
        return context;
    }

    /** The certificate chain, the server's own certificate first. */
    public List<X509Certificate> chain() {
        return chain;
    }

    /** The PEM file holding the chain: what a client may be told to trust (curl {@code --cacert}). */
    public Path certificateFile() {
        return certificateFile;
    }

    /** A new engine for the server side of one connection, restricted as the class comment says. */
    public SSLEngine serverEngine() {
        SSLEngine engine = context.createSSLEngine();
        configureServer(engine);
        return engine;
    }

    /** Restricts an engine created elsewhere (for example by MINA's {@code SslFilter}) the same way. */
    public void configureServer(SSLEngine engine) {
        engine.setUseClientMode(false);
        engine.setSSLParameters(serverParameters());
    }

    /** Protocols and cipher suites for a server, the server's order of preference first. */
    public SSLParameters serverParameters() {
        SSLParameters p = new SSLParameters(cipherSuites.clone(), protocols.clone());
        p.setUseCipherSuitesOrder(true);
        p.setNeedClientAuth(false);
        return p;
    }

    public String[] enabledProtocols() {
        return protocols.clone();
    }

    public String[] enabledCipherSuites() {
        return cipherSuites.clone();
    }

    /**
     * A client context that trusts exactly this chain's certificate: for the admin tools and for tests
     * that talk TLS to a server using the self-signed certificate.
     */
    public SSLContext trustingClientContext() {
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("server", chain.get(0));
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext client = SSLContext.getInstance("TLS");
            client.init(null, tmf.getTrustManagers(), new SecureRandom());
            return client;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build a client context for the server certificate", e);
        }
    }

    static boolean isStrong(String suite) {
        if (suite.startsWith("TLS_EMPTY_RENEGOTIATION")) {
            return false;
        }
        String s = suite.toUpperCase(java.util.Locale.ROOT);
        for (String weak : WEAK) {
            if (s.contains(weak.toUpperCase(java.util.Locale.ROOT))) {
                return false;
            }
        }
        return true;
    }

    /** Signs a random challenge with the key and checks it with the certificate's public key. */
    private static boolean belongTogether(PrivateKey key, PublicKey certified) {
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC", "ECDSA" -> "SHA256withECDSA";
            default -> null;
        };
        if (algorithm == null) {
            return false;
        }
        try {
            byte[] challenge = new byte[32];
            new SecureRandom().nextBytes(challenge);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(challenge);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certified);
            verifier.update(challenge);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
