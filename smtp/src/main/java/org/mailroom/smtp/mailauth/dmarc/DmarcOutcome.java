package org.mailroom.smtp.mailauth.dmarc;

import java.util.Locale;
import org.mailroom.smtp.mailauth.dmarc.DmarcRecord.Policy;

/**
 * The DMARC evaluation of one message: the result (RFC 8601 §2.7.x names: pass, fail, none, temperror,
 * permerror), the RFC5322.From domain, the policy published for it ({@code p=} or {@code sp=}), and the
 * policy to apply after {@code pct=} sampling (RFC 7489 §6.6.4).
 */
public record DmarcOutcome(Result result, String fromDomain, Policy publishedPolicy, Policy appliedPolicy,
                           String reason) {

    public enum Result {
        PASS, FAIL, NONE, TEMPERROR, PERMERROR;

        public String keyword() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
