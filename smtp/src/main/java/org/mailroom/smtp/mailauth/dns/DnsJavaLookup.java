package org.mailroom.smtp.mailauth.dns;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.ReverseMap;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * {@link DnsLookup} with dnsjava, asking the configured resolvers directly, with a small cache: each
 * answer is kept for its smallest TTL, at most {@link #MAX_TTL}; failures are not cached, so that a
 * retry by the sending MTA asks again. The cache holds at most {@code capacity} answers (least
 * recently used go first).
 */
public final class DnsJavaLookup implements DnsLookup {

    static final Duration MAX_TTL = Duration.ofMinutes(5);

    private final Resolver resolver;
    private final Clock clock;
    private final int capacity;
    private final Map<String, Cached> cache;

    public DnsJavaLookup(Resolver resolver, Clock clock, int capacity) {
        this.resolver = resolver;
        this.clock = clock;
        this.capacity = capacity;
        this.cache = new LinkedHashMap<>(16, 0.75f, true);
    }

    /** Asks these servers, or the system's resolvers when the list is empty; caches up to 10,000 answers. */
    public static DnsJavaLookup forServers(List<InetSocketAddress> servers, Duration timeout) {
        ExtendedResolver r = new ExtendedResolver();
        if (!servers.isEmpty()) {
            r = new ExtendedResolver(servers.stream().map(s -> (Resolver) new SimpleResolver(s)).toList());
        }
        r.setTimeout(timeout);
        // Key records of 2048-bit RSA keys exceed 512 octets; EDNS avoids a TCP retry for each.
        r.setEDNS(0, 1232, 0, List.of());
        return new DnsJavaLookup(r, Clock.systemUTC(), 10_000);
    }

    @Override
    public DnsAnswer<String> txt(String name) {
        return query(name, Type.TXT).map(r -> text((TXTRecord) r));
    }

    /**
     * The record's character-strings joined, one char per octet: getStrings() would escape quotes,
     * backslashes and non-printing octets in zone-file syntax, which SPF must see as they are (RFC 7208
     * §3.1: a record with octets outside 7-bit ASCII is a syntax error, not a text with "\\239" in it).
     */
    private static String text(TXTRecord r) {
        StringBuilder sb = new StringBuilder();
        for (byte[] part : r.getStringsAsByteArrays()) {
            sb.append(new String(part, StandardCharsets.ISO_8859_1));
        }
        return sb.toString();
    }

    @Override
    public DnsAnswer<InetAddress> addresses(String name, boolean ipv6) {
        return query(name, ipv6 ? Type.AAAA : Type.A)
                .map(r -> r instanceof ARecord a ? a.getAddress() : ((AAAARecord) r).getAddress());
    }

    @Override
    public DnsAnswer<String> mx(String name) {
        return query(name, Type.MX).map(r -> text(((MXRecord) r).getTarget()));
    }

    @Override
    public DnsAnswer<String> ptr(InetAddress address) {
        return query(ReverseMap.fromAddress(address).toString(true), Type.PTR)
                .map(r -> text(((PTRRecord) r).getTarget()));
    }

    private static String text(Name n) {
        return n.toString(true);
    }

    private DnsAnswer<Record> query(String name, int type) {
        String key = Type.string(type) + " " + name.toLowerCase(java.util.Locale.ROOT);
        Instant now = clock.instant();
        synchronized (cache) {
            Cached c = cache.get(key);
            if (c != null && c.expires.isAfter(now)) {
                return c.answer;
            }
        }
        DnsAnswer<Record> answer = ask(name, type);
        if (!answer.failed()) {
            long ttl = answer.records().stream().mapToLong(Record::getTTL).min().orElse(60);
            Instant expires = now.plus(Duration.ofSeconds(Math.min(ttl, MAX_TTL.toSeconds())));
            synchronized (cache) {
                cache.put(key, new Cached(answer, expires));
                while (cache.size() > capacity) {
                    cache.remove(cache.keySet().iterator().next());
                }
            }
        }
        return answer;
    }

    private DnsAnswer<Record> ask(String name, int type) {
        Name n;
        try {
            n = Name.fromString(name, Name.root);
        } catch (TextParseException e) {
            // A name that cannot be a DNS name cannot exist (SPF macros can produce such names).
            return DnsAnswer.of(DnsAnswer.Status.NXDOMAIN);
        }
        Message query = Message.newQuery(Record.newRecord(n, type, DClass.IN));
        Message response;
        try {
            response = resolver.send(query);
        } catch (IOException e) {
            return DnsAnswer.of(DnsAnswer.Status.TEMP_FAILURE);
        }
        int rcode = response.getRcode();
        if (rcode == Rcode.NXDOMAIN) {
            return DnsAnswer.of(DnsAnswer.Status.NXDOMAIN);
        }
        if (rcode != Rcode.NOERROR) {
            return DnsAnswer.of(DnsAnswer.Status.TEMP_FAILURE);
        }
        List<Record> out = new ArrayList<>();
        for (Record r : response.getSection(Section.ANSWER)) {
            // CNAMEs on the way are followed by the recursive resolver; keep only the asked type.
            if (r.getType() == type) {
                out.add(r);
            }
        }
        return DnsAnswer.found(out);
    }

    private record Cached(DnsAnswer<Record> answer, Instant expires) {
    }
}
