package org.mailroom.smtp.mailauth;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.IntSupplier;
import org.mailroom.smtp.mailauth.dkim.DkimResult;
import org.mailroom.smtp.mailauth.dkim.DkimVerifier;
import org.mailroom.smtp.mailauth.dkim.HeaderField;
import org.mailroom.smtp.mailauth.dkim.MessageHeader;
import org.mailroom.smtp.mailauth.dmarc.DmarcEvaluator;
import org.mailroom.smtp.mailauth.dmarc.DmarcOutcome;
import org.mailroom.smtp.mailauth.dmarc.DmarcRecord.Policy;
import org.mailroom.smtp.mailauth.dns.DnsLookup;
import org.mailroom.smtp.mailauth.spf.SpfChecker;
import org.mailroom.smtp.mailauth.spf.SpfOutcome;
import org.mailroom.smtp.mailauth.spf.SpfResult;

/**
 * The seam for the SMTP session on port 25: SPF for the envelope, DKIM for every signature, DMARC for
 * the From domain, in one pass over the message (the header is read into memory, bounded; the body is
 * streamed). The session prepends {@link AuthenticationResults#header()} at delivery, after removing
 * any arriving field for which {@link AuthenticationResults#claimsOurs} is true, and applies
 * {@link AuthenticationResults#action()}. It does not call this for authenticated users or relay-rule
 * clients: a sender domain's policy never refuses our own users' mail.
 */
public final class InboundVerifier {

    private final MailAuthConfig config;
    private final SpfChecker spf;
    private final DkimVerifier dkim;
    private final DmarcEvaluator dmarc;

    public InboundVerifier(MailAuthConfig config, DnsLookup dns, java.time.Clock clock) {
        this(config, dns, clock, new Random()::nextInt);
    }

    /** @param random gives n → 0..n-1, for DMARC's pct= sampling */
    InboundVerifier(MailAuthConfig config, DnsLookup dns, java.time.Clock clock, java.util.function.IntUnaryOperator random) {
        this.config = config;
        this.spf = new SpfChecker(dns, config.authservId(), clock);
        this.dkim = new DkimVerifier(dns, clock, config.acceptBodyLength());
        IntSupplier percentile = () -> random.applyAsInt(100);
        this.dmarc = new DmarcEvaluator(dns, config.publicSuffixes(), percentile);
    }

    /**
     * @param mailFrom the reverse-path without brackets, empty for the null sender
     * @param message the message as received (header and body); read to the end, not closed
     */
    public AuthenticationResults verify(InetAddress clientIp, String heloName, String mailFrom, InputStream message)
            throws IOException {
        SpfOutcome spfOutcome = spf.check(clientIp, mailFrom, heloName);
        BufferedInputStream in = new BufferedInputStream(message, 64 * 1024);
        MessageHeader header = MessageHeader.read(in);
        List<DkimResult> dkimResults = dkim.verify(header, in);
        in.transferTo(java.io.OutputStream.nullOutputStream());
        DmarcOutcome dmarcOutcome = fromDomain(header)
                .map(d -> dmarc.evaluate(d, spfOutcome, dkimResults))
                .orElseGet(() -> new DmarcOutcome(DmarcOutcome.Result.PERMERROR, "", Policy.NONE, Policy.NONE,
                        "not exactly one From address")); // RFC 7489 §6.6.1
        PolicyAction action = action(spfOutcome, dmarcOutcome);
        String text = AuthenticationResults.format(config.authservId(), spfOutcome, dkimResults, dmarcOutcome);
        return new AuthenticationResults(spfOutcome, dkimResults, dmarcOutcome, action, text);
    }

    private PolicyAction action(SpfOutcome spfOutcome, DmarcOutcome d) {
        if (d.result() == DmarcOutcome.Result.TEMPERROR
                || d.result() != DmarcOutcome.Result.PASS && spfOutcome.result() == SpfResult.TEMPERROR) {
            return config.onTemporaryError();
        }
        if (d.result() != DmarcOutcome.Result.FAIL) {
            return PolicyAction.ACCEPT;
        }
        return switch (d.appliedPolicy()) {
            case REJECT -> config.onDmarcReject();
            case QUARANTINE -> config.onDmarcQuarantine();
            case NONE -> PolicyAction.ACCEPT;
        };
    }

    /**
     * The domain of the message's single From address (RFC 7489 §6.6.1); empty when there is no From,
     * more than one, or one naming several addresses of different domains. The SMTP session uses it
     * for the signing domain of submissions too.
     */
    public static java.util.Optional<String> fromDomain(MessageHeader header) {
        List<HeaderField> from = header.all("From");
        if (from.size() != 1) {
            return java.util.Optional.empty();
        }
        try {
            InternetAddress[] addresses = InternetAddress.parseHeader(from.get(0).value(), false);
            String domain = null;
            for (InternetAddress a : addresses) {
                String address = a.getAddress();
                int at = address == null ? -1 : address.lastIndexOf('@');
                if (at < 0) {
                    return java.util.Optional.empty();
                }
                String d = address.substring(at + 1).toLowerCase(Locale.ROOT);
                if (domain != null && !domain.equals(d)) {
                    return java.util.Optional.empty();
                }
                domain = d;
            }
            return java.util.Optional.ofNullable(domain);
        } catch (AddressException e) {
            return java.util.Optional.empty();
        }
    }
}
