package org.mailroom.smtp.mailauth;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.mailroom.smtp.DnsResponder;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * The {@code zonedata} of one scenario of the RFC 7208 YAML test suite, answering DNS queries the way
 * the suite's own driver (pyspf's test/testspf.py) reads it:
 * <ul>
 * <li>"SPF" entries also serve as TXT records, unless the name has TXT entries of its own ("TXT: NONE"
 *     means: no TXT records and no generated ones);</li>
 * <li>a "TIMEOUT" entry makes a query of a type with no record listed before it fail (a name with only
 *     "TIMEOUT" always fails). The failure is answered at once as SERVFAIL, which the resolver reports
 *     exactly as it reports a timeout (a temporary failure, RFC 7208 §2.6.6), so that the suite needs no
 *     short timeout that a loaded machine could trip on normal answers; SpfCheckerTest has a real
 *     timeout;</li>
 * <li>a name with a CNAME answers other types with the CNAME chain and the target's records;</li>
 * <li>a name not listed is NXDOMAIN; a listed name without records of the type an empty NOERROR.</li>
 * </ul>
 */
final class SpfSuiteZone {

    private static final long TTL = 60;
    private static final String TIMEOUT = "TIMEOUT";

    /** One entry: a record, or the TIMEOUT marker (record null). */
    private record Entry(int type, Record record) {
    }

    private final Map<String, List<Entry>> names = new LinkedHashMap<>();

    @SuppressWarnings("unchecked")
    SpfSuiteZone(Map<String, Object> zonedata) {
        zonedata.forEach((owner, entries) -> {
            Name name = DnsResponder.name(owner);
            List<Entry> out = new ArrayList<>();
            List<Entry> generated = new ArrayList<>();
            boolean ownTxt = false;
            for (Object e : (List<Object>) entries) {
                if (TIMEOUT.equals(e)) {
                    out.add(new Entry(0, null));
                    continue;
                }
                Map.Entry<String, Object> m = ((Map<String, Object>) e).entrySet().iterator().next();
                String type = m.getKey();
                Object value = m.getValue();
                if (type.equals("TXT")) {
                    ownTxt = true;
                }
                if ((type.equals("TXT") || type.equals("SPF")) && "NONE".equals(value)) {
                    continue;
                }
                if (type.equals("SPF")) {
                    // RFC 7208 §3.1: type SPF is no longer looked up; the suite means these as TXT
                    generated.add(new Entry(Type.TXT, txt(name, value)));
                    continue;
                }
                out.add(record(name, type, value));
            }
            if (!ownTxt) {
                out.addAll(generated); // after everything, as the driver appends them
            }
            names.put(key(name), out);
        });
    }

    /** The response to a query. */
    Message answer(Message query) {
        Record question = query.getQuestion();
        int type = question.getType();
        Message response = DnsResponder.responseTo(query);
        Name name = question.getName();
        List<Entry> entries = names.get(key(name));
        if (entries == null) {
            response.getHeader().setRcode(Rcode.NXDOMAIN);
            return response;
        }
        Set<String> seen = new HashSet<>();
        while (type != Type.CNAME && seen.add(key(name))) {
            Entry cname = entries.stream().filter(e -> e.type() == Type.CNAME).findFirst().orElse(null);
            if (cname == null) {
                break;
            }
            response.addRecord(cname.record(), Section.ANSWER);
            name = ((CNAMERecord) cname.record()).getTarget();
            entries = names.getOrDefault(key(name), List.of());
        }
        boolean found = false;
        for (Entry e : entries) {
            if (e.record() == null) {
                if (!found) {
                    response.getHeader().setRcode(Rcode.SERVFAIL);
                    response.removeAllRecords(Section.ANSWER);
                    return response;
                }
                break;
            }
            if (e.type() == type) {
                found = true;
                response.addRecord(e.record(), Section.ANSWER);
            }
        }
        return response;
    }

    private static String key(Name name) {
        return name.toString().toLowerCase(Locale.ROOT);
    }

    @SuppressWarnings("unchecked")
    private static Entry record(Name name, String type, Object value) {
        return switch (type) {
            case "A" -> new Entry(Type.A, new ARecord(name, DClass.IN, TTL, AuthDnsStub.ip((String) value)));
            case "AAAA" -> new Entry(Type.AAAA, new AAAARecord(name, DClass.IN, TTL, AuthDnsStub.ip((String) value)));
            case "TXT" -> new Entry(Type.TXT, txt(name, value));
            case "PTR" -> new Entry(Type.PTR, new PTRRecord(name, DClass.IN, TTL, target((String) value)));
            case "CNAME" -> new Entry(Type.CNAME, new CNAMERecord(name, DClass.IN, TTL, target((String) value)));
            case "MX" -> {
                List<Object> mx = (List<Object>) value;
                yield new Entry(Type.MX, new MXRecord(name, DClass.IN, TTL, ((Number) mx.get(0)).intValue(),
                        target((String) mx.get(1))));
            }
            default -> throw new IllegalArgumentException("record type " + type + " in the suite");
        };
    }

    /** The null MX's "" is the root name (RFC 7505). */
    private static Name target(String s) {
        return s.isEmpty() ? Name.root : DnsResponder.name(s);
    }

    /**
     * A TXT record built from its wire form, so that any octet (NUL, CR, non-ASCII: the suite's "\x80")
     * reaches the resolver as it is; each YAML string is one character-string, in UTF-8 as the driver
     * encodes it.
     */
    @SuppressWarnings("unchecked")
    private static Record txt(Name name, Object value) {
        List<String> strings = value instanceof List<?> l ? (List<String>) l : List.of((String) value);
        ByteArrayOutputStream rdata = new ByteArrayOutputStream();
        for (String s : strings) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i == 0 || i < b.length; i += 255) {
                int n = Math.min(255, b.length - i);
                rdata.write(n);
                rdata.write(b, i, n);
            }
        }
        try {
            return Record.newRecord(name, Type.TXT, DClass.IN, TTL, rdata.toByteArray());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("TXT " + value, e);
        }
    }
}
