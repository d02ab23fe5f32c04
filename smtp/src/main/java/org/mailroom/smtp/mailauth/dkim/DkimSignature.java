package org.mailroom.smtp.mailauth.dkim;

import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A parsed DKIM-Signature field (RFC 6376 §3.5). {@link #parse} applies the checks of §6.1.1 that need
 * no DNS: version, required tags, From among the signed fields, i= within d=, and t= not after x=.
 */
public record DkimSignature(HeaderField field, String algorithmTag, String domain, String selector, String identity,
                            List<String> signedHeaders, byte[] bodyHash, byte[] signature,
                            Canonicalization headerCanon, Canonicalization bodyCanon, OptionalLong bodyLength,
                            Optional<Instant> timestamp, Optional<Instant> expiration, String bTag) {

    public static DkimSignature parse(HeaderField field) {
        TagList tags = TagList.parse(field.value());
        if (!tags.require("v").equals("1")) {
            throw new IllegalArgumentException("unsupported version v=" + tags.require("v"));
        }
        String a = tags.require("a").toLowerCase(Locale.ROOT);
        String b = tags.base64("b");
        byte[] signature = Base64.getDecoder().decode(b);
        byte[] bodyHash = Base64.getDecoder().decode(tags.base64("bh"));
        String d = tags.require("d").toLowerCase(Locale.ROOT);
        if (d.isEmpty() || d.endsWith(".")) {
            throw new IllegalArgumentException("bad d=" + d);
        }
        List<String> h = Arrays.stream(tags.require("h").split(":"))
                .map(s -> s.strip().toLowerCase(Locale.ROOT)).filter(s -> !s.isEmpty()).toList();
        if (!h.contains("from")) {
            throw new IllegalArgumentException("From is not signed"); // §5.4: From MUST be signed
        }
        String s = tags.require("s");
        String i = tags.get("i").orElse("@" + d);
        int at = i.lastIndexOf('@');
        if (at < 0) {
            throw new IllegalArgumentException("i= without @");
        }
        String iDomain = i.substring(at + 1).toLowerCase(Locale.ROOT);
        if (!iDomain.equals(d) && !iDomain.endsWith("." + d)) {
            throw new IllegalArgumentException("i= is not within d="); // §3.5, i= tag
        }
        String[] c = tags.get("c").orElse("simple/simple").split("/", -1);
        if (c.length > 2) {
            throw new IllegalArgumentException("bad c=");
        }
        Canonicalization hc = Canonicalization.parse(c[0].strip());
        Canonicalization bc = c.length == 2 ? Canonicalization.parse(c[1].strip()) : Canonicalization.SIMPLE;
        OptionalLong l = tags.get("l").map(v -> OptionalLong.of(number(v, "l"))).orElse(OptionalLong.empty());
        Optional<Instant> t = tags.get("t").map(v -> Instant.ofEpochSecond(number(v, "t")));
        Optional<Instant> x = tags.get("x").map(v -> Instant.ofEpochSecond(number(v, "x")));
        if (t.isPresent() && x.isPresent() && x.get().isBefore(t.get())) {
            throw new IllegalArgumentException("x= is before t="); // §3.5: x= MUST be greater than t=
        }
        String q = tags.get("q").orElse("dns/txt");
        if (!Arrays.stream(q.split(":")).map(String::strip).anyMatch(m -> m.equalsIgnoreCase("dns/txt"))) {
            throw new IllegalArgumentException("unsupported q=" + q);
        }
        return new DkimSignature(field, a, d, s, i, h, bodyHash, signature, hc, bc, l, t, x, b);
    }

    private static long number(String v, String tag) {
        if (!v.matches("[0-9]{1,12}")) { // §3.5: at most 76 bits; 12 digits keep clear of overflow
            throw new IllegalArgumentException("bad " + tag + "=" + v);
        }
        return Long.parseLong(v);
    }

    /** The key record's DNS name (§3.6.2.1). */
    public String keyName() {
        return selector + "._domainkey." + domain;
    }

    /** The identity's domain part (for key flag t=s, §3.6.1). */
    public String identityDomain() {
        return identity.substring(identity.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
    }
}
