package org.mailroom.smtp.mailauth;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import org.mailroom.config.CoreConfig;
import org.mailroom.config.Settings;
import org.mailroom.smtp.mailauth.dmarc.PublicSuffixList;

/**
 * Mail authentication settings.
 *
 * @param enabled check SPF, DKIM and DMARC on port 25 ({@code mailauth.enabled}, true)
 * @param authservId the name in Authentication-Results (RFC 8601 §2.5), the server's host name
 * @param onDmarcReject what a failed DMARC p=reject does ({@code mailauth.dmarc.reject}: reject, junk or accept; reject)
 * @param onDmarcQuarantine what a failed p=quarantine does ({@code mailauth.dmarc.quarantine}: junk or accept; junk)
 * @param onTemporaryError what a DNS failure (temperror) does ({@code mailauth.temperror}: accept or defer; accept)
 * @param acceptBodyLength whether a DKIM signature with l= covering only part of the body may pass
 *     ({@code mailauth.dkim.accept-body-length}, false)
 * @param signLocal whether mail from local users to local users is also DKIM-signed
 *     ({@code mailauth.dkim.sign-local}, false; outbound mail from local domains is always signed)
 * @param publicSuffixes the Public Suffix List ({@code mailauth.public-suffix-list}: a file in the list's format;
 *     by default the system's, /usr/share/publicsuffix/public_suffix_list.dat, else the copy shipped in the jar)
 */
public record MailAuthConfig(boolean enabled, String authservId, PolicyAction onDmarcReject,
                             PolicyAction onDmarcQuarantine, PolicyAction onTemporaryError, boolean acceptBodyLength,
                             boolean signLocal, PublicSuffixList publicSuffixes) {

    public static MailAuthConfig from(Settings settings, CoreConfig core) {
        boolean enabled = settings.bool("mailauth.enabled", true);
        PolicyAction reject = action(settings, "mailauth.dmarc.reject", "reject", "reject", "junk", "accept");
        PolicyAction quarantine = action(settings, "mailauth.dmarc.quarantine", "junk", "junk", "accept");
        PolicyAction temperror = action(settings, "mailauth.temperror", "accept", "accept", "defer");
        boolean bodyLength = settings.bool("mailauth.dkim.accept-body-length", false);
        boolean signLocal = settings.bool("mailauth.dkim.sign-local", false);
        Optional<Path> psl = settings.path("mailauth.public-suffix-list");
        PublicSuffixList list;
        if (psl.isPresent()) {
            try {
                list = PublicSuffixList.load(psl.get());
            } catch (IOException e) {
                throw settings.error("mailauth.public-suffix-list", "cannot read " + psl.get() + ": " + e.getMessage());
            }
        } else {
            list = PublicSuffixList.systemOrShipped();
        }
        return new MailAuthConfig(enabled, core.hostname(), reject, quarantine, temperror, bodyLength, signLocal, list);
    }

    private static PolicyAction action(Settings settings, String key, String defaultValue, String... allowed) {
        String v = settings.string(key, defaultValue).toLowerCase(Locale.ROOT);
        if (!java.util.List.of(allowed).contains(v)) {
            throw settings.error(key, "must be one of " + String.join(", ", allowed));
        }
        return PolicyAction.valueOf(v.toUpperCase(Locale.ROOT));
    }

    /** Defaults, for tests and for embedding. */
    public static MailAuthConfig defaults(String hostname) {
        return new MailAuthConfig(true, hostname, PolicyAction.REJECT, PolicyAction.JUNK, PolicyAction.ACCEPT, false,
                false, PublicSuffixList.systemOrShipped());
    }

}
