package org.mailroom.smtp.mailauth.dkim;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Signs outgoing mail (RFC 6376 §5) with every key its domain has (typically one rsa-sha256 and
 * optionally one ed25519-sha256, RFC 8463), relaxed/relaxed, no {@code l=} (RFC 6376 §8.2), with
 * {@code t=}. The body is streamed through the canonicaliser once, never held in memory.
 *
 * <p>Signed fields: those of {@link #SIGNED} present in the message, each as often as it occurs; the
 * fields of {@link #OVERSIGNED} one time more (RFC 6376 §8.15), so that a second From, Subject, To,
 * ... added later breaks the signature.
 */
public final class DkimSigner {

    static final List<String> SIGNED = List.of("from", "reply-to", "subject", "date", "to", "cc", "message-id",
            "in-reply-to", "references", "mime-version", "content-type", "content-transfer-encoding",
            "content-language", "list-id", "list-unsubscribe", "list-unsubscribe-post", "sender");
    static final Set<String> OVERSIGNED = Set.of("from", "reply-to", "subject", "date", "to", "cc",
            "message-id", "mime-version", "content-type", "list-unsubscribe", "list-unsubscribe-post");

    private final SigningKeySource keys;
    private final Clock clock;

    public DkimSigner(SigningKeySource keys, Clock clock) {
        this.keys = keys;
        this.clock = clock;
    }

    /**
     * The DKIM-Signature fields to prepend to the message read from {@code message} (each ending in
     * CRLF), or an empty string when the domain has no key.
     *
     * @param domain the signing domain (d=), normally the domain of the From address
     */
    public String sign(String domain, InputStream message) throws IOException {
        List<SigningKey> forDomain = keys.keysFor(domain.toLowerCase(Locale.ROOT));
        if (forDomain.isEmpty()) {
            return "";
        }
        BufferedInputStream in = new BufferedInputStream(message, 64 * 1024);
        MessageHeader header = MessageHeader.read(in);
        BodyCanonicalizer body = new BodyCanonicalizer(Canonicalization.RELAXED, DkimAlgorithm.sha256(), Long.MAX_VALUE);
        byte[] buffer = new byte[16 * 1024];
        int n;
        while ((n = in.read(buffer)) != -1) {
            body.update(buffer, 0, n);
        }
        String bh = Base64.getEncoder().encodeToString(body.finish());
        List<String> names = signedNames(header);
        StringBuilder out = new StringBuilder();
        for (SigningKey key : forDomain) {
            out.append(signature(header, key, names, bh)).append("\r\n");
        }
        return out.toString();
    }

    static List<String> signedNames(MessageHeader header) {
        List<String> names = new ArrayList<>();
        for (String name : SIGNED) {
            int count = header.all(name).size() + (OVERSIGNED.contains(name) ? 1 : 0);
            for (int i = 0; i < count; i++) {
                names.add(name);
            }
        }
        return names;
    }

    private String signature(MessageHeader header, SigningKey key, List<String> names, String bh) {
        Folder f = new Folder("DKIM-Signature:");
        f.add("v=1;");
        f.add("a=" + key.algorithm().tag() + ";");
        f.add("c=relaxed/relaxed;");
        f.add("d=" + key.domain() + ";");
        f.add("s=" + key.selector() + ";");
        f.add("t=" + clock.instant().getEpochSecond() + ";");
        for (int i = 0; i < names.size(); i++) {
            f.add((i == 0 ? "h=" : "") + names.get(i) + (i == names.size() - 1 ? ";" : ":"));
        }
        f.add("bh=" + bh + ";");
        f.add("b=");
        String unsigned = f.text();
        byte[] data = DkimVerifier.headerHashInput(header, names, Canonicalization.RELAXED, unsigned);
        byte[] b;
        try {
            b = key.algorithm().sign(key.key(), data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign with the DKIM key " + key.selector() + " of " + key.domain(), e);
        }
        String value = Base64.getEncoder().encodeToString(b);
        StringBuilder text = new StringBuilder(unsigned);
        // Fold b= in pieces; relaxed canonicalisation and b= removal both ignore this whitespace (§3.5).
        int column = unsigned.length() - unsigned.lastIndexOf('\n') - 1;
        for (int i = 0; i < value.length(); ) {
            int room = Math.max(1, 76 - column);
            int end = Math.min(value.length(), i + room);
            text.append(value, i, end);
            i = end;
            if (i < value.length()) {
                text.append("\r\n\t");
                column = 1;
            }
        }
        return text.toString();
    }

    /** Builds a header field folded before tags so that lines stay under 78 characters (RFC 5322 §2.1.1). */
    private static final class Folder {
        private final ByteArrayOutputStream text = new ByteArrayOutputStream();
        private int column;

        Folder(String start) {
            write(start);
            column = start.length();
        }

        void add(String token) {
            if (column + 1 + token.length() > 76) {
                write("\r\n\t");
                column = 1;
            } else {
                write(" ");
                column++;
            }
            write(token);
            column += token.length();
        }

        private void write(String s) {
            text.writeBytes(s.getBytes(StandardCharsets.ISO_8859_1));
        }

        String text() {
            return text.toString(StandardCharsets.ISO_8859_1);
        }
    }
}
