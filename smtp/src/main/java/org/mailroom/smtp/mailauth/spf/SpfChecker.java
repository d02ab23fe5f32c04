package org.mailroom.smtp.mailauth.spf;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.mailroom.smtp.mailauth.dns.DnsAnswer;
import org.mailroom.smtp.mailauth.dns.DnsLookup;
import org.mailroom.smtp.mailauth.spf.SpfRecord.Directive;

/**
 * SPF's check_host() (RFC 7208 §4) for the MAIL FROM identity, or the HELO identity when MAIL FROM is
 * empty (§2.4). Limits (§4.6.4): at most 10 mechanisms and modifiers that query DNS (include, a, mx,
 * ptr, exists, redirect) in the whole evaluation, at most 10 MX or PTR names each, and at most 2 void
 * lookups; past a limit the result is permerror.
 */
public final class SpfChecker {

    static final int MAX_DNS_MECHANISMS = 10;
    static final int MAX_VOID_LOOKUPS = 2;
    static final int MAX_NAMES_PER_MECHANISM = 10;

    private final DnsLookup dns;
    private final String receiver;
    private final Clock clock;

    /** @param receiver this host's name, for the r macro of explanations */
    public SpfChecker(DnsLookup dns, String receiver, Clock clock) {
        this.dns = dns;
        this.receiver = receiver;
        this.clock = clock;
    }

    /**
     * @param mailFrom the reverse-path without brackets, empty for the null sender
     * @param helo the EHLO/HELO argument
     */
    public SpfOutcome check(InetAddress ip, String mailFrom, String helo) {
        String identity = mailFrom.isEmpty() ? "helo" : "mailfrom";
        // §4.3: an empty local-part, and the null sender, become "postmaster"
        String sender = mailFrom.isEmpty() ? "postmaster@" + helo
                : mailFrom.startsWith("@") ? "postmaster" + mailFrom : mailFrom;
        if (sender.indexOf('@') < 0) {
            sender = "postmaster@" + sender;
        }
        String domain = sender.substring(sender.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
        Evaluation e = new Evaluation(ip, sender, helo);
        try {
            SpfResult r = e.checkHost(domain);
            String explanation = r == SpfResult.FAIL ? e.explanation : "";
            return new SpfOutcome(r, identity, domain, explanation, e.reason);
        } catch (SpfAbort a) {
            return new SpfOutcome(a.result, identity, domain, "", a.getMessage());
        }
    }

    /** The state of one check: the counters of §4.6.4 span every include and redirect. */
    private final class Evaluation {
        final InetAddress ip;
        final String sender;
        final String helo;
        int dnsMechanisms;
        int voidLookups;
        String explanation = "";
        String reason = "";
        boolean explaining;
        private List<String> clientNames;

        Evaluation(InetAddress ip, String sender, String helo) {
            this.ip = ip;
            this.sender = sender;
            this.helo = helo;
        }

        MacroContext context(String domain) {
            return new MacroContext(sender, domain, ip, helo, receiver, clock.instant().getEpochSecond(), () -> {
                // §4.6.4: "the %{p} macro ... the number of PTR resource records queried is included in
                // the overall limit of 10"; the explanation, evaluated after the result, is not subject to it
                if (!explaining) {
                    countDnsMechanism();
                }
                return validatedName(domain);
            });
        }

        SpfResult checkHost(String domain) throws SpfAbort {
            if (!validDomain(domain)) {
                return SpfResult.NONE; // §4.3
            }
            DnsAnswer<String> txt = dns.txt(domain);
            if (txt.failed()) {
                throw new SpfAbort(SpfResult.TEMPERROR, "DNS failure looking up " + domain); // §4.4
            }
            List<String> spf = txt.records().stream().filter(SpfRecord::isSpf).toList();
            if (spf.isEmpty()) {
                reason = "no SPF record at " + domain;
                return SpfResult.NONE; // §4.5
            }
            if (spf.size() > 1) {
                throw new SpfAbort(SpfResult.PERMERROR, "more than one SPF record at " + domain); // §4.5
            }
            SpfRecord record = SpfRecord.parse(spf.get(0));
            MacroContext ctx = context(domain);
            for (Directive d : record.directives()) {
                if (matches(d, ctx)) {
                    SpfResult r = SpfResult.ofQualifier(d.qualifier());
                    reason = d.mechanism().name().toLowerCase(Locale.ROOT) + " matched at " + domain;
                    if (r == SpfResult.FAIL && record.exp().isPresent()) {
                        explanation = explain(record.exp().get(), ctx);
                    }
                    return r;
                }
            }
            boolean hasAll = record.directives().stream().anyMatch(d -> d.mechanism() == SpfRecord.Mechanism.ALL);
            if (record.redirect().isPresent() && !hasAll) { // §6.1: ignored when "all" is present
                countDnsMechanism();
                String target = Macros.expand(record.redirect().get(), ctx, false);
                if (!validDomain(target)) {
                    throw new SpfAbort(SpfResult.PERMERROR, "redirect to an invalid domain"); // §6.1
                }
                SpfResult r = checkHost(target.toLowerCase(Locale.ROOT));
                if (r == SpfResult.NONE) {
                    throw new SpfAbort(SpfResult.PERMERROR, "redirect to a domain without SPF record"); // §6.1
                }
                return r;
            }
            reason = "no mechanism matched at " + domain;
            return SpfResult.NEUTRAL; // §4.7
        }

        private boolean matches(Directive d, MacroContext ctx) throws SpfAbort {
            return switch (d.mechanism()) {
                case ALL -> true;
                case IP4, IP6 -> inNetwork(ip, d.network(), ip instanceof Inet4Address ? d.ip4Prefix() : d.ip6Prefix());
                case INCLUDE -> include(target(d, ctx));
                case A -> {
                    countDnsMechanism();
                    yield anyAddressMatches(target(d, ctx), d);
                }
                case MX -> {
                    countDnsMechanism();
                    yield mx(target(d, ctx), d);
                }
                case PTR -> {
                    countDnsMechanism();
                    yield ptr(target(d, ctx));
                }
                case EXISTS -> {
                    countDnsMechanism();
                    // §5.7: always an A query, whatever the connection's address family
                    DnsAnswer<InetAddress> a = addresses(target(d, ctx), false);
                    yield !a.records().isEmpty();
                }
            };
        }

        private String target(Directive d, MacroContext ctx) throws SpfAbort {
            return d.domainSpec().isPresent() ? Macros.expand(d.domainSpec().get(), ctx, false) : ctx.domain();
        }

        /** §5.2: the included domain's pass is a match; its temperror/permerror end everything; none is permerror. */
        private boolean include(String target) throws SpfAbort {
            countDnsMechanism();
            // §6.2: an explanation found while evaluating the included domain is not the including one's
            String outer = explanation;
            SpfResult r = checkHost(target.toLowerCase(Locale.ROOT));
            explanation = outer;
            return switch (r) {
                case PASS -> true;
                case FAIL, SOFTFAIL, NEUTRAL -> false;
                case NONE -> throw new SpfAbort(SpfResult.PERMERROR, "include of a domain without SPF record");
                default -> throw new SpfAbort(r, "include of " + target + " gave " + r.keyword());
            };
        }

        private boolean anyAddressMatches(String host, Directive d) throws SpfAbort {
            DnsAnswer<InetAddress> a = addresses(host, !(ip instanceof Inet4Address));
            for (InetAddress x : a.records()) {
                if (inNetwork(ip, x, ip instanceof Inet4Address ? d.ip4Prefix() : d.ip6Prefix())) {
                    return true;
                }
            }
            return false;
        }

        /** §5.4, with §4.6.4's limit of 10 MX names looked up. */
        private boolean mx(String domain, Directive d) throws SpfAbort {
            DnsAnswer<String> mx = dns.mx(domain);
            countVoid(mx, domain);
            if (mx.records().size() > MAX_NAMES_PER_MECHANISM) {
                throw new SpfAbort(SpfResult.PERMERROR, "more than 10 MX names at " + domain);
            }
            for (String host : mx.records()) {
                if (anyAddressMatches(host, d)) {
                    return true;
                }
            }
            return false;
        }

        /** §5.5: a validated name of the client equal to or under the target domain. */
        private boolean ptr(String target) {
            for (String name : validatedNames()) {
                String n = name.toLowerCase(Locale.ROOT);
                String t = target.toLowerCase(Locale.ROOT);
                if (n.equals(t) || n.endsWith("." + t)) {
                    return true;
                }
            }
            return false;
        }

        /**
         * The client's PTR names whose addresses include it (§5.5). DNS errors here only mean no
         * match (§5.5: "If a DNS error occurs ... then skip it"); at most 10 names are tried (§4.6.4).
         */
        private List<String> validatedNames() {
            List<String> out = new ArrayList<>();
            DnsAnswer<String> names = dns.ptr(ip);
            for (String name : names.records().subList(0, Math.min(MAX_NAMES_PER_MECHANISM, names.records().size()))) {
                DnsAnswer<InetAddress> a = dns.addresses(name, !(ip instanceof Inet4Address));
                if (a.records().contains(ip)) {
                    out.add(name);
                }
            }
            return out;
        }

        /**
         * The p macro (§7.3): a validated name, preferring the domain itself or one under it ("If the
         * <domain> is present in the list of validated domains, it SHOULD be used. Otherwise, if a
         * subdomain of the <domain> is present, it SHOULD be used"); else "unknown".
         */
        String validatedName(String domain) {
            if (clientNames == null) {
                clientNames = validatedNames();
            }
            String d = domain.toLowerCase(Locale.ROOT);
            return clientNames.stream().filter(n -> n.equalsIgnoreCase(d)).findFirst()
                    .or(() -> clientNames.stream().filter(n -> n.toLowerCase(Locale.ROOT).endsWith("." + d)).findFirst())
                    .or(() -> clientNames.stream().findFirst())
                    .orElse("unknown");
        }

        private DnsAnswer<InetAddress> addresses(String host, boolean ipv6) throws SpfAbort {
            DnsAnswer<InetAddress> a = dns.addresses(host, ipv6);
            countVoid(a, host);
            return a;
        }

        private void countVoid(DnsAnswer<?> answer, String name) throws SpfAbort {
            if (answer.failed()) {
                throw new SpfAbort(SpfResult.TEMPERROR, "DNS failure looking up " + name); // §5
            }
            if (answer.isVoid() && ++voidLookups > MAX_VOID_LOOKUPS) {
                throw new SpfAbort(SpfResult.PERMERROR, "more than 2 void lookups"); // §4.6.4
            }
        }

        private void countDnsMechanism() throws SpfAbort {
            if (++dnsMechanisms > MAX_DNS_MECHANISMS) {
                throw new SpfAbort(SpfResult.PERMERROR, "more than 10 DNS-querying mechanisms"); // §4.6.4
            }
        }

        /** §6.2: the exp= TXT record, macro-expanded; any problem means no explanation. */
        private String explain(String spec, MacroContext ctx) {
            explaining = true;
            try {
                String name = Macros.expand(spec, ctx, false);
                DnsAnswer<String> txt = dns.txt(name);
                if (txt.records().size() != 1) {
                    return "";
                }
                String text = Macros.expand(txt.records().get(0), ctx, true);
                return text.chars().allMatch(c -> c >= 0x20 && c < 0x7f) ? text : "";
            } catch (SpfAbort e) {
                return "";
            }
        }
    }

    /** §4.3: a syntactically valid multi-label domain name. */
    static boolean validDomain(String d) {
        String s = d.endsWith(".") ? d.substring(0, d.length() - 1) : d;
        if (s.length() > 253 || s.indexOf('.') < 0) {
            return false;
        }
        for (String label : s.split("\\.", -1)) {
            if (label.isEmpty() || label.length() > 63) {
                return false;
            }
        }
        return true;
    }

    static boolean inNetwork(InetAddress ip, InetAddress network, int prefix) {
        if (network == null) {
            return false;
        }
        byte[] a = ip.getAddress();
        byte[] n = network.getAddress();
        if (a.length != n.length) {
            return false; // ip4 never matches an IPv6 client, nor ip6 an IPv4 one (§5.6)
        }
        for (int i = 0; i < prefix; i++) {
            int mask = 0x80 >> (i % 8);
            if ((a[i / 8] & mask) != (n[i / 8] & mask)) {
                return false;
            }
        }
        return true;
    }

}
