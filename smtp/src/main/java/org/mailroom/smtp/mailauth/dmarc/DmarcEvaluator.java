package org.mailroom.smtp.mailauth.dmarc;

import java.util.List;
import java.util.Locale;
import java.util.function.IntSupplier;
import org.mailroom.smtp.mailauth.dkim.DkimResult;
import org.mailroom.smtp.mailauth.dmarc.DmarcOutcome.Result;
import org.mailroom.smtp.mailauth.dmarc.DmarcRecord.Policy;
import org.mailroom.smtp.mailauth.dns.DnsAnswer;
import org.mailroom.smtp.mailauth.dns.DnsLookup;
import org.mailroom.smtp.mailauth.spf.SpfOutcome;
import org.mailroom.smtp.mailauth.spf.SpfResult;

/**
 * DMARC (RFC 7489): policy discovery at {@code _dmarc.<From domain>}, falling back to the organisational
 * domain (§6.6.3); identifier alignment of SPF (§3.1.2) and DKIM (§3.1.1), relaxed or strict; then the
 * policy (p=, or sp= for a subdomain whose record was found at the organisational domain) with pct=
 * sampling (§6.6.4: a message not sampled gets the next less strict policy).
 */
public final class DmarcEvaluator {

    private final DnsLookup dns;
    private final PublicSuffixList suffixes;
    private final IntSupplier percentile;

    /** @param percentile 0..99, uniformly random in production; fixed in tests of pct= */
    public DmarcEvaluator(DnsLookup dns, PublicSuffixList suffixes, IntSupplier percentile) {
        this.dns = dns;
        this.suffixes = suffixes;
        this.percentile = percentile;
    }

    /**
     * @param fromDomain the domain of the single RFC5322.From address, lowercase
     * @param spf the SPF outcome (its domain is the MAIL FROM domain, or HELO's for the null sender)
     */
    public DmarcOutcome evaluate(String fromDomain, SpfOutcome spf, List<DkimResult> dkim) {
        String from = fromDomain.toLowerCase(Locale.ROOT);
        String org = suffixes.organizationalDomain(from);
        Found found;
        try {
            found = discover(from, false);
            if (found == null && !org.equals(from)) {
                found = discover(org, true);
            }
        } catch (Temporary e) {
            return new DmarcOutcome(Result.TEMPERROR, from, Policy.NONE, Policy.NONE, "DNS failure looking up the policy");
        }
        if (found == null) {
            return new DmarcOutcome(Result.NONE, from, Policy.NONE, Policy.NONE, "no DMARC record");
        }
        DmarcRecord record = found.record;
        boolean spfAligned = spf.result() == SpfResult.PASS && aligned(spf.domain(), from, record.strictSpf());
        boolean dkimAligned = dkim.stream().anyMatch(r -> r.passed() && aligned(r.domain(), from, record.strictDkim()));
        // §6.6.3: sp= applies when the record was found at the organisational domain, not the From domain
        Policy published = found.atOrganizationalDomain ? record.subdomainPolicy().orElse(record.policy()) : record.policy();
        if (spfAligned || dkimAligned) {
            return new DmarcOutcome(Result.PASS, from, published, Policy.NONE,
                    (dkimAligned ? "DKIM" : "SPF") + " aligned");
        }
        Policy applied = published;
        if (record.percent() < 100 && percentile.getAsInt() >= record.percent()) {
            applied = published == Policy.REJECT ? Policy.QUARANTINE : Policy.NONE; // §6.6.4
        }
        return new DmarcOutcome(Result.FAIL, from, published, applied, "no aligned SPF or DKIM pass");
    }

    /** §3.1: strict means equal; relaxed means the same organisational domain. */
    boolean aligned(String authenticated, String from, boolean strict) {
        String a = authenticated.toLowerCase(Locale.ROOT);
        if (a.isEmpty()) {
            return false;
        }
        return strict ? a.equals(from) : suffixes.organizationalDomain(a).equals(suffixes.organizationalDomain(from));
    }

    /** The record at {@code _dmarc.domain}, or null when there is none (or more than one, §6.6.3 step 2). */
    private Found discover(String domain, boolean organizational) throws Temporary {
        DnsAnswer<String> txt = dns.txt("_dmarc." + domain);
        if (txt.failed()) {
            throw new Temporary();
        }
        List<String> records = txt.records().stream().filter(DmarcRecord::isDmarc).toList();
        if (records.size() != 1) {
            return null;
        }
        try {
            return new Found(DmarcRecord.parse(records.get(0)), organizational);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private record Found(DmarcRecord record, boolean atOrganizationalDomain) {
    }

    private static final class Temporary extends Exception {
        private static final long serialVersionUID = 1L;

        Temporary() {
            super(null, null, false, false);
        }
    }
}
