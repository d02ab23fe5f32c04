package org.mailroom.smtp.mailauth.dkim;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;

/**
 * Key encodings. A DKIM record's p= holds, for RSA, a DER SubjectPublicKeyInfo (RFC 6376 §3.6.1; the
 * bare RSAPublicKey form that some publish is accepted too), and for Ed25519 the raw 32-octet public
 * key (RFC 8463 §4). Private keys are kept as PKCS#8.
 */
public final class DkimKeys {

    /** The fixed DER prefix of an Ed25519 SubjectPublicKeyInfo (RFC 8410 §4) before the 32 key octets. */
    private static final byte[] ED25519_SPKI_PREFIX = hex("302a300506032b6570032100");
    /** The fixed DER prefix of an Ed25519 PKCS#8 key (RFC 8410 §7) before the 32-octet seed. */
    private static final byte[] ED25519_PKCS8_PREFIX = hex("302e020100300506032b657004220420");

    private DkimKeys() {
    }

    public static PublicKey publicKey(DkimAlgorithm algorithm, byte[] p) throws GeneralSecurityException {
        if (algorithm == DkimAlgorithm.ED25519_SHA256) {
            if (p.length != 32) {
                throw new GeneralSecurityException("an ed25519 key is 32 octets, not " + p.length);
            }
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(concat(ED25519_SPKI_PREFIX, p)));
        }
        KeyFactory rsa = KeyFactory.getInstance("RSA");
        try {
            return rsa.generatePublic(new X509EncodedKeySpec(p));
        } catch (GeneralSecurityException e) {
            return rsa.generatePublic(new X509EncodedKeySpec(wrapRsaPublicKey(p)));
        }
    }

    /** The p= value to publish for a public key. */
    public static String recordValue(PublicKey key) {
        byte[] encoded = key.getEncoded();
        if (key.getAlgorithm().equals("Ed25519") || key.getAlgorithm().equals("EdDSA")) {
            encoded = Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length);
        }
        return Base64.getEncoder().encodeToString(encoded);
    }

    public static PrivateKey privateKey(DkimAlgorithm algorithm, byte[] pkcs8) throws GeneralSecurityException {
        return KeyFactory.getInstance(algorithm == DkimAlgorithm.RSA_SHA256 ? "RSA" : "Ed25519")
                .generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
    }

    /** An Ed25519 private key from its raw 32-octet seed (the form RFC 8463's example gives). */
    public static PrivateKey ed25519FromSeed(byte[] seed) throws GeneralSecurityException {
        return privateKey(DkimAlgorithm.ED25519_SHA256, concat(ED25519_PKCS8_PREFIX, seed));
    }

    public static int rsaBits(PublicKey key) {
        return key instanceof RSAPublicKey r ? r.getModulus().bitLength() : 0;
    }

    /** SubjectPublicKeyInfo { rsaEncryption, BIT STRING { RSAPublicKey } } around a bare RSAPublicKey. */
    private static byte[] wrapRsaPublicKey(byte[] rsaPublicKey) {
        byte[] algorithm = hex("300d06092a864886f70d0101010500");
        byte[] bitString = der(0x03, concat(new byte[] {0}, rsaPublicKey));
        return der(0x30, concat(algorithm, bitString));
    }

    private static byte[] der(int tag, byte[] content) {
        int n = content.length;
        byte[] length = n < 128 ? new byte[] {(byte) n} : lengthBytes(n);
        return concat(concat(new byte[] {(byte) tag}, length), content);
    }

    private static byte[] lengthBytes(int n) {
        byte[] v = BigInteger.valueOf(n).toByteArray();
        int start = v[0] == 0 ? 1 : 0;
        byte[] out = new byte[v.length - start + 1];
        out[0] = (byte) (0x80 | (v.length - start));
        System.arraycopy(v, start, out, 1, v.length - start);
        return out;
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static byte[] hex(String s) {
        byte[] out = new byte[s.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Integer.parseInt(s.substring(2 * i, 2 * i + 2), 16);
        }
        return out;
    }
}
