package org.mailroom.smtp.mailauth.dkim;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.mailroom.smtp.mailauth.dkim.DkimResult.Result;
import org.mailroom.smtp.mailauth.dns.DnsAnswer;
import org.mailroom.smtp.mailauth.dns.DnsLookup;

/**
 * Verifies every DKIM-Signature of a message (RFC 6376 §6), streaming the body once through one
 * canonicaliser per signature: the body is never held in memory.
 *
 * <p>Refused on purpose: rsa-sha1 (RFC 8301 §3.1), RSA keys under 1024 bits (RFC 8301 §3.2), and, unless
 * {@code acceptBodyLength}, a signature whose {@code l=} leaves part of the body unsigned (RFC 6376
 * §8.2: content appended after the signed part could be anything) gets {@code policy}.
 */
public final class DkimVerifier {

    /** More signatures than this are not evaluated (RFC 6376 §6.1: verifiers MAY limit them). */
    public static final int MAX_SIGNATURES = 8;
    static final int MIN_RSA_BITS = 1024;

    private final DnsLookup dns;
    private final Clock clock;
    private final boolean acceptBodyLength;

    public DkimVerifier(DnsLookup dns, Clock clock, boolean acceptBodyLength) {
        this.dns = dns;
        this.clock = clock;
        this.acceptBodyLength = acceptBodyLength;
    }

    /** Reads the whole message from {@code message} (not closed). */
    public List<DkimResult> verify(InputStream message) throws IOException {
        BufferedInputStream in = new BufferedInputStream(message, 64 * 1024);
        MessageHeader header = MessageHeader.read(in);
        return verify(header, in);
    }

    /** {@code body} is positioned after the header's empty line. */
    public List<DkimResult> verify(MessageHeader header, InputStream body) throws IOException {
        List<HeaderField> fields = header.all("DKIM-Signature");
        List<DkimResult> results = new ArrayList<>();
        List<Pending> pending = new ArrayList<>();
        for (HeaderField f : fields.subList(0, Math.min(fields.size(), MAX_SIGNATURES))) {
            DkimSignature sig;
            try {
                sig = DkimSignature.parse(f);
            } catch (IllegalArgumentException e) {
                results.add(new DkimResult(Result.PERMERROR, domainOf(f), "", "", "", "", "bad signature: " + e.getMessage()));
                continue;
            }
            if (sig.algorithmTag().equals("rsa-sha1")) {
                results.add(result(sig, Result.FAIL, "rsa-sha1 is not accepted (RFC 8301)"));
                continue;
            }
            DkimAlgorithm algorithm;
            try {
                algorithm = DkimAlgorithm.parse(sig.algorithmTag());
            } catch (IllegalArgumentException e) {
                results.add(result(sig, Result.NEUTRAL, e.getMessage()));
                continue;
            }
            if (sig.expiration().isPresent() && sig.expiration().get().isBefore(clock.instant())) {
                results.add(result(sig, Result.FAIL, "signature expired")); // §3.5 x=
                continue;
            }
            long limit = sig.bodyLength().orElse(Long.MAX_VALUE);
            BodyCanonicalizer canonicalizer = new BodyCanonicalizer(sig.bodyCanon(), DkimAlgorithm.sha256(), limit);
            Pending p = new Pending(sig, algorithm, canonicalizer);
            pending.add(p);
            results.add(null); // filled in order below
            p.index = results.size() - 1;
        }
        if (!pending.isEmpty()) {
            byte[] buffer = new byte[16 * 1024];
            int n;
            while ((n = body.read(buffer)) != -1) {
                for (Pending p : pending) {
                    p.body.update(buffer, 0, n);
                }
            }
        }
        for (Pending p : pending) {
            results.set(p.index, check(header, p));
        }
        return results;
    }

    private DkimResult check(MessageHeader header, Pending p) {
        DkimSignature sig = p.sig;
        byte[] bodyHash = p.body.finish();
        if (sig.bodyLength().isPresent()) {
            long l = sig.bodyLength().getAsLong();
            if (l > p.body.canonicalLength()) {
                return result(sig, Result.FAIL, "l= is longer than the body"); // §3.5 l=
            }
            if (l < p.body.canonicalLength() && !acceptBodyLength) {
                return result(sig, Result.POLICY, "l= leaves part of the body unsigned");
            }
        }
        if (!MessageDigest.isEqual(bodyHash, sig.bodyHash())) {
            return result(sig, Result.FAIL, "body hash did not verify"); // §6.1.3
        }
        DnsAnswer<String> answer = dns.txt(sig.keyName());
        if (answer.failed()) {
            return result(sig, Result.TEMPERROR, "key lookup failed"); // §6.1.2 step 3
        }
        if (answer.isVoid()) {
            return result(sig, Result.PERMERROR, "no key for signature"); // §6.1.2 step 3
        }
        DkimKeyRecord key = null;
        String problem = "bad key record";
        for (String txt : answer.records()) {
            try {
                key = DkimKeyRecord.parse(txt);
                break;
            } catch (IllegalArgumentException e) {
                problem = "bad key record: " + e.getMessage();
            }
        }
        if (key == null) {
            return result(sig, Result.PERMERROR, problem); // §6.1.2 step 5
        }
        if (key.revoked()) {
            return result(sig, Result.PERMERROR, "key revoked"); // §3.6.1 p=
        }
        if (!key.keyType().equals(p.algorithm.keyType())) {
            return result(sig, Result.PERMERROR, "key type does not match a=");
        }
        if (!key.hashes().isEmpty() && !key.hashes().contains("sha256")) {
            return result(sig, Result.PERMERROR, "key does not allow sha256"); // §3.6.1 h=
        }
        if (!key.services().contains("*") && !key.services().contains("email")) {
            return result(sig, Result.PERMERROR, "key not for email"); // §3.6.1 s=
        }
        if (key.strictIdentity() && !sig.identityDomain().equals(sig.domain())) {
            return result(sig, Result.PERMERROR, "key requires i= domain to equal d="); // §3.6.1 t=s
        }
        PublicKey publicKey;
        try {
            publicKey = DkimKeys.publicKey(p.algorithm, key.publicKey());
        } catch (GeneralSecurityException e) {
            return result(sig, Result.PERMERROR, "key syntax error");
        }
        if (p.algorithm == DkimAlgorithm.RSA_SHA256 && DkimKeys.rsaBits(publicKey) < MIN_RSA_BITS) {
            return result(sig, Result.FAIL, "RSA key shorter than 1024 bits (RFC 8301)");
        }
        byte[] data = headerHashInput(header, sig);
        boolean ok;
        try {
            ok = p.algorithm.verify(publicKey, data, sig.signature());
        } catch (GeneralSecurityException e) {
            ok = false;
        }
        if (!ok) {
            return result(sig, Result.FAIL, "signature did not verify");
        }
        return result(sig, Result.PASS, key.testing() ? "testing key (t=y)" : "");
    }

    /**
     * The data signed (§3.7): the fields named by h=, each the last not yet used instance of its name
     * (§5.4.2; a name with no instance left contributes nothing, which is how oversigning works), then
     * this DKIM-Signature with b= emptied and no trailing CRLF.
     */
    static byte[] headerHashInput(MessageHeader header, DkimSignature sig) {
        return headerHashInput(header, sig.signedHeaders(), sig.headerCanon(), withEmptyB(sig.field().raw()));
    }

    static byte[] headerHashInput(MessageHeader header, List<String> signedHeaders, Canonicalization canon,
                                  String signatureWithEmptyB) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Map<String, Integer> used = new HashMap<>();
        for (String name : signedHeaders) {
            List<HeaderField> all = header.all(name);
            int n = used.merge(name, 1, Integer::sum);
            if (n <= all.size()) {
                out.writeBytes(canon.header(all.get(all.size() - n)).getBytes(StandardCharsets.ISO_8859_1));
            }
        }
        out.writeBytes(canon.headerWithoutCrlf(signatureWithEmptyB).getBytes(StandardCharsets.ISO_8859_1));
        return out.toByteArray();
    }

    /** The raw field with the value of its b= tag removed, everything else (folding too) kept. */
    static String withEmptyB(String raw) {
        int colon = raw.indexOf(':');
        StringBuilder out = new StringBuilder(raw.substring(0, colon + 1));
        String[] specs = raw.substring(colon + 1).split(";", -1);
        for (int i = 0; i < specs.length; i++) {
            String spec = specs[i];
            int eq = spec.indexOf('=');
            if (eq >= 0 && spec.substring(0, eq).strip().equals("b")) {
                spec = spec.substring(0, eq + 1);
            }
            out.append(spec);
            if (i < specs.length - 1) {
                out.append(';');
            }
        }
        return out.toString();
    }

    private static DkimResult result(DkimSignature sig, Result r, String reason) {
        String b = sig.bTag();
        return new DkimResult(r, sig.domain(), sig.selector(), sig.identity(), sig.algorithmTag(),
                b.substring(0, Math.min(8, b.length())), reason);
    }

    private static String domainOf(HeaderField f) {
        try {
            return TagList.parse(f.value()).get("d").orElse("").toLowerCase(java.util.Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    private static final class Pending {
        final DkimSignature sig;
        final DkimAlgorithm algorithm;
        final BodyCanonicalizer body;
        int index;

        Pending(DkimSignature sig, DkimAlgorithm algorithm, BodyCanonicalizer body) {
            this.sig = sig;
            this.algorithm = algorithm;
            this.body = body;
        }
    }
}
