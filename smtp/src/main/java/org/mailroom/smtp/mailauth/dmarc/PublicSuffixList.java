package org.mailroom.smtp.mailauth.dmarc;

import java.io.IOException;
import java.io.InputStream;
import java.net.IDN;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The Public Suffix List algorithm (publicsuffix.org/list, as RFC 7489 §3.2 uses it to find the
 * organisational domain): the longest matching rule wins, an exception rule ({@code !}) beats a
 * wildcard ({@code *.}), and where no rule matches the rule is {@code *} (the top-level label).
 *
 * <p>The list itself is read from a file in the list's published format: {@code mailauth.public-suffix-list}
 * names one; else the system's, which Debian's {@code publicsuffix} package installs at {@link #SYSTEM_FILE}
 * and keeps current; else the copy shipped inside Mailroom ({@link #shipped()}, the whole list as of its
 * build). {@link #builtIn()}, the generic top-level domains by the default rule plus a short list of
 * common second-level registries (co.uk, com.au, ...), is for tests and a last resort.
 */
public final class PublicSuffixList {

    public static final Path SYSTEM_FILE = Path.of("/usr/share/publicsuffix/public_suffix_list.dat");

    private static final List<String> BUILT_IN = List.of("ac.uk", "co.uk", "gov.uk", "ltd.uk", "me.uk", "net.uk",
            "nhs.uk", "org.uk", "plc.uk", "police.uk", "sch.uk", "com.au", "net.au", "org.au", "edu.au", "gov.au",
            "asn.au", "id.au", "co.nz", "net.nz", "org.nz", "govt.nz", "ac.nz", "co.jp", "ne.jp", "or.jp", "ac.jp",
            "go.jp", "co.kr", "or.kr", "com.br", "net.br", "org.br", "gov.br", "com.cn", "net.cn", "org.cn",
            "gov.cn", "edu.cn", "com.mx", "org.mx", "gob.mx", "co.in", "net.in", "org.in", "gov.in", "ac.in",
            "co.za", "org.za", "gov.za", "ac.za", "com.tr", "org.tr", "gov.tr", "com.ar", "com.sg", "edu.sg",
            "gov.sg", "com.hk", "org.hk", "com.tw", "org.tw", "co.il", "org.il", "ac.il", "co.id", "or.id",
            "com.my", "com.ph", "com.ua", "com.pl", "co.at", "or.at", "com.es", "com.pt", "co.th", "in.th",
            "com.vn", "com.sa", "com.eg", "com.ng", "co.ke", "github.io", "gitlab.io", "herokuapp.com",
            "blogspot.com", "appspot.com", "cloudfront.net", "azurewebsites.net", "netlify.app", "vercel.app",
            "pages.dev", "workers.dev", "*.compute.amazonaws.com", "s3.amazonaws.com");

    private final Set<String> rules;
    private final Set<String> wildcards;
    private final Set<String> exceptions;

    private PublicSuffixList(Set<String> rules, Set<String> wildcards, Set<String> exceptions) {
        this.rules = rules;
        this.wildcards = wildcards;
        this.exceptions = exceptions;
    }

    public static PublicSuffixList builtIn() {
        return parse(BUILT_IN);
    }

    public static PublicSuffixList load(Path file) throws IOException {
        return parse(Files.readAllLines(file, StandardCharsets.UTF_8));
    }

    /** The system's list when it is installed, else the shipped one. */
    public static PublicSuffixList systemOrShipped() {
        try {
            return Files.isReadable(SYSTEM_FILE) ? load(SYSTEM_FILE) : shipped();
        } catch (IOException e) {
            return shipped();
        }
    }

    /**
     * The whole list as shipped in the jar (resource public_suffix_list.dat, from Debian's publicsuffix
     * package, MPL 2.0; see public_suffix_list.README beside it), read once; the built-in short list if
     * the resource were missing.
     */
    public static PublicSuffixList shipped() {
        return Shipped.LIST;
    }

    private static final class Shipped {
        static final PublicSuffixList LIST = read();

        private static PublicSuffixList read() {
            try (InputStream in = PublicSuffixList.class.getResourceAsStream("public_suffix_list.dat")) {
                if (in == null) {
                    return builtIn();
                }
                return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList());
            } catch (IOException e) {
                return builtIn();
            }
        }
    }

    static PublicSuffixList parse(List<String> lines) {
        Set<String> rules = new HashSet<>();
        Set<String> wildcards = new HashSet<>();
        Set<String> exceptions = new HashSet<>();
        for (String line : lines) {
            String rule = line.strip();
            int space = rule.indexOf(' ');
            if (space >= 0) {
                rule = rule.substring(0, space); // the format: a rule is the first word of its line
            }
            if (rule.isEmpty() || rule.startsWith("//")) {
                continue;
            }
            if (rule.startsWith("!")) {
                exceptions.add(ascii(rule.substring(1)));
            } else if (rule.startsWith("*.")) {
                wildcards.add(ascii(rule.substring(2)));
            } else {
                rules.add(ascii(rule));
            }
        }
        return new PublicSuffixList(rules, wildcards, exceptions);
    }

    private static String ascii(String s) {
        try {
            return IDN.toASCII(s, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return s.toLowerCase(Locale.ROOT);
        }
    }

    /** The public suffix of a domain (lowercase ASCII labels). */
    public String publicSuffix(String domain) {
        String[] labels = domain.toLowerCase(Locale.ROOT).split("\\.");
        int best = 1; // the default rule "*": the last label
        for (int n = labels.length; n >= 1; n--) {
            String candidate = join(labels, labels.length - n);
            if (exceptions.contains(candidate)) {
                best = n - 1; // an exception rule: the suffix is the rule less its leftmost label
                return join(labels, labels.length - best);
            }
        }
        for (int n = labels.length; n >= 1; n--) {
            String candidate = join(labels, labels.length - n);
            if (rules.contains(candidate) && n > best) {
                best = n;
            }
            if (n >= 2 && wildcards.contains(join(labels, labels.length - n + 1)) && n > best) {
                best = n;
            }
        }
        return join(labels, labels.length - Math.min(best, labels.length));
    }

    /**
     * RFC 7489 §3.2: the public suffix plus one label; a domain that is itself a public suffix is its
     * own organisational domain.
     */
    public String organizationalDomain(String domain) {
        String d = domain.toLowerCase(Locale.ROOT);
        if (d.endsWith(".")) {
            d = d.substring(0, d.length() - 1);
        }
        String suffix = publicSuffix(d);
        if (suffix.equals(d)) {
            return d;
        }
        String rest = d.substring(0, d.length() - suffix.length() - 1);
        return rest.substring(rest.lastIndexOf('.') + 1) + "." + suffix;
    }

    private static String join(String[] labels, int from) {
        return String.join(".", java.util.Arrays.copyOfRange(labels, from, labels.length));
    }
}
