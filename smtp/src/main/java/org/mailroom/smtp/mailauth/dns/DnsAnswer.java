package org.mailroom.smtp.mailauth.dns;

import java.util.List;

/**
 * The outcome of one DNS query, in the terms the mail-authentication RFCs reason in: records found,
 * a name without records of the type (NOERROR, empty answer), a name that does not exist (NXDOMAIN),
 * or a failure that may pass (timeout, SERVFAIL), which SPF, DKIM and DMARC all turn into a
 * temporary error (RFC 7208 §5, RFC 6376 §6.1.2, RFC 7489 §6.6.3).
 */
public record DnsAnswer<T>(Status status, List<T> records) {

    public enum Status { FOUND, NO_DATA, NXDOMAIN, TEMP_FAILURE }

    public DnsAnswer {
        records = List.copyOf(records);
    }

    public static <T> DnsAnswer<T> found(List<T> records) {
        return records.isEmpty() ? new DnsAnswer<>(Status.NO_DATA, List.of()) : new DnsAnswer<>(Status.FOUND, records);
    }

    public static <T> DnsAnswer<T> of(Status status) {
        return new DnsAnswer<>(status, List.of());
    }

    public boolean failed() {
        return status == Status.TEMP_FAILURE;
    }

    /** RFC 7208 §4.6.4: a lookup that returned no records, either NOERROR-empty or NXDOMAIN. */
    public boolean isVoid() {
        return status == Status.NO_DATA || status == Status.NXDOMAIN;
    }

    /** Keeps the status, maps the records. */
    public <U> DnsAnswer<U> map(java.util.function.Function<T, U> f) {
        return new DnsAnswer<>(status, records.stream().map(f).toList());
    }
}
