package org.mailroom.smtp.mailauth.dkim;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Locale;

/**
 * The signing algorithms: rsa-sha256 (RFC 6376 §3.3.2) and ed25519-sha256 (RFC 8463 §3), where Ed25519
 * signs the SHA-256 hash of the canonicalised header data (PureEdDSA over the hash, §3). rsa-sha1 is
 * known only to be refused: RFC 8301 §3.1 forbids verifiers to consider it valid.
 */
public enum DkimAlgorithm {
    RSA_SHA256("rsa-sha256", "rsa"),
    ED25519_SHA256("ed25519-sha256", "ed25519");

    private final String tag;
    private final String keyType;

    DkimAlgorithm(String tag, String keyType) {
        this.tag = tag;
        this.keyType = keyType;
    }

    /** The a= value. */
    public String tag() {
        return tag;
    }

    /** The k= value of the key record. */
    public String keyType() {
        return keyType;
    }

    public static DkimAlgorithm parse(String a) {
        for (DkimAlgorithm x : values()) {
            if (x.tag.equals(a.toLowerCase(Locale.ROOT))) {
                return x;
            }
        }
        throw new IllegalArgumentException("unsupported algorithm " + a);
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    byte[] sign(PrivateKey key, byte[] headerData) throws GeneralSecurityException {
        Signature s = signature();
        s.initSign(key);
        s.update(input(headerData));
        return s.sign();
    }

    boolean verify(PublicKey key, byte[] headerData, byte[] signature) throws GeneralSecurityException {
        Signature s = signature();
        s.initVerify(key);
        s.update(input(headerData));
        return s.verify(signature);
    }

    private Signature signature() throws GeneralSecurityException {
        return Signature.getInstance(this == RSA_SHA256 ? "SHA256withRSA" : "Ed25519");
    }

    private byte[] input(byte[] headerData) {
        // RFC 8463 §3: ed25519-sha256 signs SHA-256(data); rsa-sha256 hashes inside RSASSA-PKCS1-v1_5.
        return this == RSA_SHA256 ? headerData : sha256().digest(headerData);
    }
}
