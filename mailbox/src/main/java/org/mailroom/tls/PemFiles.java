package org.mailroom.tls;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.mailroom.config.ConfigException;

/**
 * Reads the PEM files certbot and openssl write: a certificate chain ({@code fullchain.pem}, leaf
 * first) and an unencrypted private key, RSA or EC, either PKCS#8 ({@code BEGIN PRIVATE KEY}) or the
 * traditional forms ({@code BEGIN RSA PRIVATE KEY}, {@code BEGIN EC PRIVATE KEY}, possibly after an
 * {@code EC PARAMETERS} block). Each problem is a {@link ConfigException} naming the key and file.
 */
final class PemFiles {

    private PemFiles() {
    }

    static List<X509Certificate> readChain(Path file, String key) {
        List<X509Certificate> chain = new ArrayList<>();
        JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.US_ASCII); PEMParser parser = new PEMParser(r)) {
            Object o;
            while ((o = parser.readObject()) != null) {
                if (o instanceof X509CertificateHolder holder) {
                    chain.add(converter.getCertificate(holder));
                }
            }
        } catch (IOException | CertificateException | RuntimeException e) {
            throw new ConfigException(key + ": cannot read the certificate chain in " + file + ": " + reason(e), e);
        }
        if (chain.isEmpty()) {
            throw new ConfigException(key + ": no PEM certificate (BEGIN CERTIFICATE) in " + file);
        }
        return chain;
    }

    static PrivateKey readPrivateKey(Path file, String key) {
        JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.US_ASCII); PEMParser parser = new PEMParser(r)) {
            Object o;
            while ((o = parser.readObject()) != null) {
                if (o instanceof PEMKeyPair pair) {
                    return converter.getKeyPair(pair).getPrivate();
                }
                if (o instanceof PrivateKeyInfo info) {
                    return converter.getPrivateKey(info);
                }
                if (o instanceof PEMEncryptedKeyPair || o instanceof PKCS8EncryptedPrivateKeyInfo) {
                    throw new ConfigException(key + ": the private key in " + file + " is encrypted; "
                            + "the server starts unattended, so give it an unencrypted key readable only by its user");
                }
                if (!(o instanceof ASN1ObjectIdentifier)) {
                    // an "EC PARAMETERS" block precedes the key in openssl's traditional output; anything
                    // else (a certificate in the key file) is skipped in search of the key
                    continue;
                }
            }
        } catch (ConfigException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new ConfigException(key + ": cannot read the private key in " + file + ": " + reason(e), e);
        }
        throw new ConfigException(key + ": no PEM private key (BEGIN PRIVATE KEY, RSA PRIVATE KEY or EC PRIVATE KEY) in "
                + file);
    }

    private static String reason(Exception e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied (the server's user must be able to read it)";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }
}
