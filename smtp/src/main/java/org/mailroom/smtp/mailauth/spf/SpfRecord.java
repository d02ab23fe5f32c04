package org.mailroom.smtp.mailauth.spf;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A parsed SPF record (RFC 7208 §4.6, §12 grammar). Any syntax error is a permerror (§4.6). */
record SpfRecord(List<Directive> directives, Optional<String> redirect, Optional<String> exp) {

    enum Mechanism { ALL, INCLUDE, A, MX, PTR, IP4, IP6, EXISTS }

    /** One directive; {@code domainSpec} is empty where the mechanism defaults to the current domain. */
    record Directive(char qualifier, Mechanism mechanism, Optional<String> domainSpec, InetAddress network,
                     int ip4Prefix, int ip6Prefix) {
    }

    private static final Pattern MODIFIER = Pattern.compile("([A-Za-z][A-Za-z0-9_.-]*)=(.*)");
    private static final Pattern DUAL_CIDR = Pattern.compile("(.*?)(?:/([0-9]+))?(?://([0-9]+))?");
    private static final Pattern IP4 = Pattern.compile("([0-9]{1,3})\\.([0-9]{1,3})\\.([0-9]{1,3})\\.([0-9]{1,3})");

    /** Whether a TXT record is an SPF record at all (§4.5: "v=spf1" then a space or the end). */
    static boolean isSpf(String txt) {
        return txt.regionMatches(true, 0, "v=spf1", 0, 6) && (txt.length() == 6 || txt.charAt(6) == ' ');
    }

    static SpfRecord parse(String txt) throws SpfAbort {
        List<Directive> directives = new ArrayList<>();
        String redirect = null;
        String exp = null;
        for (String term : txt.substring(6).split(" ")) {
            if (term.isEmpty()) {
                continue;
            }
            Matcher m = MODIFIER.matcher(term);
            if (m.matches()) {
                String name = m.group(1).toLowerCase(Locale.ROOT);
                String value = m.group(2);
                if (name.equals("redirect") || name.equals("exp")) {
                    checkDomainSpec(value);
                    if ((name.equals("redirect") ? redirect : exp) != null) {
                        throw new SpfAbort(SpfResult.PERMERROR, name + " given twice"); // §6
                    }
                    if (name.equals("redirect")) {
                        redirect = value;
                    } else {
                        exp = value;
                    }
                } else {
                    checkMacroString(value); // §6: unknown modifiers are ignored, but must parse
                }
                continue;
            }
            directives.add(directive(term));
        }
        return new SpfRecord(directives, Optional.ofNullable(redirect), Optional.ofNullable(exp));
    }

    private static Directive directive(String term) throws SpfAbort {
        char q = '+';
        String t = term;
        if ("+-~?".indexOf(t.charAt(0)) >= 0) {
            q = t.charAt(0);
            t = t.substring(1);
        }
        int end = 0;
        while (end < t.length() && Character.isLetterOrDigit(t.charAt(end))) {
            end++;
        }
        String name = t.substring(0, end).toLowerCase(Locale.ROOT);
        String rest = t.substring(end);
        Mechanism mech;
        try {
            mech = Mechanism.valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new SpfAbort(SpfResult.PERMERROR, "unknown mechanism " + name); // §5
        }
        switch (mech) {
            case ALL -> {
                requireEmpty(rest, term);
                return new Directive(q, mech, Optional.empty(), null, 32, 128);
            }
            case INCLUDE, EXISTS -> {
                String spec = argument(rest, term, true);
                checkDomainSpec(spec);
                return new Directive(q, mech, Optional.of(spec), null, 32, 128);
            }
            case PTR -> {
                Optional<String> spec = rest.isEmpty() ? Optional.empty() : Optional.of(argument(rest, term, true));
                if (spec.isPresent()) {
                    checkDomainSpec(spec.get());
                }
                return new Directive(q, mech, spec, null, 32, 128);
            }
            case A, MX -> {
                Matcher m = DUAL_CIDR.matcher(rest);
                if (!m.matches()) {
                    throw new SpfAbort(SpfResult.PERMERROR, "bad mechanism " + term);
                }
                String before = m.group(1);
                Optional<String> spec = before.isEmpty() ? Optional.empty() : Optional.of(argument(before, term, true));
                if (spec.isPresent()) {
                    checkDomainSpec(spec.get());
                }
                return new Directive(q, mech, spec, null, prefix(m.group(2), 32), prefix(m.group(3), 128));
            }
            case IP4 -> {
                String arg = argument(rest, term, true);
                int slash = arg.indexOf('/');
                String ip = slash < 0 ? arg : arg.substring(0, slash);
                int prefix = slash < 0 ? 32 : prefix(arg.substring(slash + 1), 32);
                return new Directive(q, mech, Optional.empty(), ip4(ip), prefix, 128);
            }
            default -> { // IP6
                String arg = argument(rest, term, true);
                int slash = arg.indexOf('/');
                String ip = slash < 0 ? arg : arg.substring(0, slash);
                int prefix = slash < 0 ? 128 : prefix(arg.substring(slash + 1), 128);
                return new Directive(q, mech, Optional.empty(), ip6(ip), 32, prefix);
            }
        }
    }

    private static void requireEmpty(String rest, String term) throws SpfAbort {
        if (!rest.isEmpty()) {
            throw new SpfAbort(SpfResult.PERMERROR, "bad mechanism " + term);
        }
    }

    private static String argument(String rest, String term, boolean required) throws SpfAbort {
        if (!rest.startsWith(":") || rest.length() == 1) {
            if (required) {
                throw new SpfAbort(SpfResult.PERMERROR, "bad mechanism " + term);
            }
            return "";
        }
        return rest.substring(1);
    }

    private static int prefix(String digits, int max) throws SpfAbort {
        if (digits == null) {
            return max;
        }
        // §5.6: leading zeros are not allowed, and the length must be within the address size
        if (!digits.matches("0|[1-9][0-9]{0,2}") || Integer.parseInt(digits) > max) {
            throw new SpfAbort(SpfResult.PERMERROR, "bad CIDR length /" + digits);
        }
        return Integer.parseInt(digits);
    }

    private static InetAddress ip4(String s) throws SpfAbort {
        Matcher m = IP4.matcher(s);
        if (!m.matches()) {
            throw new SpfAbort(SpfResult.PERMERROR, "bad ip4 " + s);
        }
        byte[] b = new byte[4];
        for (int i = 0; i < 4; i++) {
            int v = Integer.parseInt(m.group(i + 1));
            if (v > 255) {
                throw new SpfAbort(SpfResult.PERMERROR, "bad ip4 " + s);
            }
            b[i] = (byte) v;
        }
        return literal(b);
    }

    private static InetAddress ip6(String s) throws SpfAbort {
        if (!s.contains(":") || !s.matches("[0-9A-Fa-f:.]+")) {
            throw new SpfAbort(SpfResult.PERMERROR, "bad ip6 " + s);
        }
        try {
            InetAddress a = InetAddress.getByName(s); // a literal, checked above: never a DNS query
            byte[] raw = a.getAddress();
            if (raw.length == 4) { // an IPv4-mapped literal: keep it as the IPv6 form it was written in
                byte[] v6 = new byte[16];
                v6[10] = (byte) 0xff;
                v6[11] = (byte) 0xff;
                System.arraycopy(raw, 0, v6, 12, 4);
                return InetAddress.getByAddress(v6);
            }
            return a;
        } catch (UnknownHostException e) {
            throw new SpfAbort(SpfResult.PERMERROR, "bad ip6 " + s);
        }
    }

    private static InetAddress literal(byte[] b) {
        try {
            return InetAddress.getByAddress(b);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final MacroContext SYNTAX_ONLY = new MacroContext("postmaster@example.org", "example.org",
            literal(new byte[] {127, 0, 0, 1}), "example.org", "example.org", 0, () -> "unknown");

    /**
     * RFC 7208 §7.1: toplabel = ( *alphanum ALPHA *alphanum ) / ( 1*alphanum "-" *( alphanum / "-" ) alphanum ),
     * so not all digits, not starting or ending with a dash.
     */
    private static final Pattern TOPLABEL =
            Pattern.compile("[A-Za-z0-9]*[A-Za-z][A-Za-z0-9]*|[A-Za-z0-9]+-[A-Za-z0-9-]*[A-Za-z0-9]");

    /** §7.1 syntax of a domain-spec, checked before evaluation (§4.6: any syntax error, anywhere). */
    private static void checkDomainSpec(String spec) throws SpfAbort {
        if (spec.isEmpty()) {
            throw new SpfAbort(SpfResult.PERMERROR, "empty domain-spec");
        }
        Macros.expand(spec, SYNTAX_ONLY, false);
        // domain-end = ( "." toplabel [ "." ] ) / macro-expand: the syntax is checked as written, before
        // expansion (§7.1), so "a:111.222.33.44", "a:museum" and "a:example.com:8080" are errors.
        if (Macros.endsWithMacro(spec)) {
            return;
        }
        String s = spec.endsWith(".") ? spec.substring(0, spec.length() - 1) : spec;
        int dot = s.lastIndexOf('.');
        if (dot < 0 || !TOPLABEL.matcher(s.substring(dot + 1)).matches()) {
            throw new SpfAbort(SpfResult.PERMERROR, "domain-spec " + spec + " does not end in a top label");
        }
    }

    private static void checkMacroString(String spec) throws SpfAbort {
        Macros.expand(spec, SYNTAX_ONLY, true);
    }
}
