package org.mailroom.smtp.mailauth.dns;

import java.net.InetAddress;

/**
 * The DNS questions SPF, DKIM and DMARC ask. {@link DnsJavaLookup} asks them with dnsjava; the tests
 * point it at a stub server on loopback. Names are absolute, without the trailing dot.
 */
public interface DnsLookup {

    /** TXT records, each one string: its character-strings concatenated (RFC 7208 §3.3, RFC 6376 §3.6.2.2). */
    DnsAnswer<String> txt(String name);

    /** A (or, with {@code ipv6}, AAAA) records. */
    DnsAnswer<InetAddress> addresses(String name, boolean ipv6);

    /** The exchange host names of MX records (preference does not matter to SPF). */
    DnsAnswer<String> mx(String name);

    /** PTR names of the address's reverse name (in-addr.arpa / ip6.arpa). */
    DnsAnswer<String> ptr(InetAddress address);
}
