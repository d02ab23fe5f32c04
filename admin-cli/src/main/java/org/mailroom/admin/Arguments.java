package org.mailroom.admin;

import java.util.Locale;
import org.mailroom.config.Settings;
import org.mailroom.store.Alias;
import org.mailroom.store.Cidr;
import org.mailroom.store.Domains;
import org.mailroom.store.EmailAddress;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * How command-line words become values. A word that is not one is a usage error (exit 2) whose
 * message says what was expected.
 */
public final class Arguments {

    private Arguments() {
    }

    static EmailAddress address(String text) {
        try {
            EmailAddress a = EmailAddress.parse(text);
            if (a.domain().startsWith("[")) {
                throw new IllegalArgumentException("an address literal cannot be a local domain");
            }
            return a;
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException("'" + text + "' is not an email address like alice@example.org ("
                    + e.getMessage() + ")");
        }
    }

    static Cidr network(String text) {
        try {
            return Cidr.parse(text);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException("'" + text + "' is not a network like 192.0.2.0/24, 2001:db8::/32 "
                    + "or a single address");
        }
    }

    /** A domain name, lower-cased, without a trailing dot. */
    public static final class DomainName implements ITypeConverter<String> {
        @Override
        public String convert(String text) {
            try {
                String d = Domains.normalize(text);
                if (d.startsWith("[") || !d.contains(".") && !d.equals("localhost")) {
                    throw new IllegalArgumentException(d);
                }
                return d;
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("'" + text + "' is not a domain name like example.org");
            }
        }
    }

    /** An alias source: {@code local@domain}, or {@code @domain} for the domain's catch-all. */
    public static final class AliasSource implements ITypeConverter<String> {
        @Override
        public String convert(String text) {
            try {
                return Alias.normalizeSource(text);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("'" + text + "' is not an alias source like sales@example.org "
                        + "or @example.org (the catch-all)");
            }
        }
    }

    /** A queue entry's id, as {@code queue list} shows it. */
    public static final class QueueId implements ITypeConverter<Long> {
        @Override
        public Long convert(String text) {
            try {
                long id = Long.parseLong(text.trim());
                if (id > 0) {
                    return id;
                }
            } catch (NumberFormatException e) {
                // falls through to the message below
            }
            throw new TypeConversionException("'" + text + "' is not a queue entry id (a number that 'queue list' "
                    + "shows)");
        }
    }

    /** A storage limit such as 500M or 2G; 0 or {@code unlimited} means none. */
    public static final class StorageLimit implements ITypeConverter<Long> {
        @Override
        public Long convert(String text) {
            if (isUnlimited(text)) {
                return 0L;
            }
            try {
                return Settings.parseSize(text);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("'" + text + "' is not a size like 500M or 2G (or 0 or "
                        + "unlimited for no limit)");
            }
        }
    }

    /** A message-count limit; 0 or {@code unlimited} means none. */
    public static final class CountLimit implements ITypeConverter<Long> {
        @Override
        public Long convert(String text) {
            if (isUnlimited(text)) {
                return 0L;
            }
            try {
                long n = Long.parseLong(text.trim());
                if (n >= 0) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // falls through to the message below
            }
            throw new TypeConversionException("'" + text + "' is not a number of messages like 100000 (or 0 or "
                    + "unlimited for no limit)");
        }
    }

    private static boolean isUnlimited(String text) {
        return text.trim().toLowerCase(Locale.ROOT).equals("unlimited");
    }
}
