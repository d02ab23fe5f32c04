package org.mailroom.smtp.mailauth;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.mailroom.smtp.mailauth.dkim.DkimSigner;
import org.mailroom.smtp.mailauth.dkim.StoredSigningKeys;
import org.mailroom.smtp.mailauth.dns.DnsJavaLookup;
import org.mailroom.smtp.mailauth.dns.DnsLookup;
import org.mailroom.store.MailStore;

/**
 * Mail authentication composed for the server: one DNS lookup with its cache shared by SPF, DKIM and
 * DMARC, the inbound verifier for port 25 and the signer for submissions and the outbound queue.
 */
public record MailAuthServices(MailAuthConfig config, InboundVerifier inbound, DkimSigner signer) {

    /**
     * @param dnsServers the resolvers to ask ({@code dns.servers}, as the outbound queue reads it); empty
     *     for the system's
     * @param dnsTimeout how long one query may take ({@code dns.timeout})
     */
    public static MailAuthServices create(MailAuthConfig config, MailStore store, List<InetSocketAddress> dnsServers,
                                          Duration dnsTimeout) {
        return create(config, store, DnsJavaLookup.forServers(dnsServers, dnsTimeout), Clock.systemUTC());
    }

    public static MailAuthServices create(MailAuthConfig config, MailStore store, DnsLookup dns, Clock clock) {
        return new MailAuthServices(config, new InboundVerifier(config, dns, clock),
                new DkimSigner(new StoredSigningKeys(store.dkimKeys()), clock));
    }
}
