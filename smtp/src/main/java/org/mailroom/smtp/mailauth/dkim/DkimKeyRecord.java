package org.mailroom.smtp.mailauth.dkim;

import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * A key record at {@code selector._domainkey.domain} (RFC 6376 §3.6.1): v=DKIM1 (optional, first when
 * present), k= (rsa by default; ed25519 from RFC 8463 §4), h= acceptable hashes, p= the key (empty:
 * revoked), s= service types, t= flags (y: testing, s: i= must be exactly d=).
 */
public record DkimKeyRecord(String keyType, List<String> hashes, byte[] publicKey, List<String> services,
                            boolean testing, boolean strictIdentity) {

    public static DkimKeyRecord parse(String txt) {
        TagList tags = TagList.parse(txt);
        tags.get("v").ifPresent(v -> {
            if (!v.equals("DKIM1")) {
                throw new IllegalArgumentException("key record version " + v);
            }
        });
        if (tags.get("v").isPresent() && !txt.stripLeading().startsWith("v")) {
            throw new IllegalArgumentException("v= is not the first tag"); // §3.6.1
        }
        String k = tags.get("k").orElse("rsa").toLowerCase(Locale.ROOT);
        List<String> h = list(tags.get("h").orElse(""));
        List<String> s = list(tags.get("s").orElse("*"));
        List<String> t = list(tags.get("t").orElse(""));
        byte[] p = Base64.getDecoder().decode(tags.base64("p"));
        return new DkimKeyRecord(k, h, p, s, t.contains("y"), t.contains("s"));
    }

    private static List<String> list(String v) {
        return Arrays.stream(v.split(":")).map(x -> x.strip().toLowerCase(Locale.ROOT)).filter(x -> !x.isEmpty()).toList();
    }

    public boolean revoked() {
        return publicKey.length == 0;
    }
}
