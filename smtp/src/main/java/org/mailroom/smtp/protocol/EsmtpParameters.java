package org.mailroom.smtp.protocol;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code esmtp-param} list after a MAIL or RCPT path (RFC 5321 §4.1.2): {@code KEY[=VALUE]}
 * separated by spaces, keywords case-insensitive, each at most once.
 */
public final class EsmtpParameters {

    private final Map<String, String> values;

    private EsmtpParameters(Map<String, String> values) {
        this.values = values;
    }

    public static final EsmtpParameters NONE = new EsmtpParameters(Map.of());

    public static EsmtpParameters parse(String text) throws SyntaxException {
        Map<String, String> out = new LinkedHashMap<>();
        for (String token : text.trim().split(" +")) {
            if (token.isEmpty()) {
                continue;
            }
            int eq = token.indexOf('=');
            String key = (eq < 0 ? token : token.substring(0, eq)).toUpperCase(Locale.ROOT);
            String value = eq < 0 ? "" : token.substring(eq + 1);
            if (!key.matches("[A-Z0-9][A-Z0-9-]*") || (eq >= 0 && value.isEmpty())) {
                throw SyntaxException.of(501, "5.5.4", "Syntax error in parameters");
            }
            if (out.containsKey(key)) {
                throw SyntaxException.of(501, "5.5.4", "Parameter " + key + " given twice");
            }
            out.put(key, eq < 0 ? null : value);
        }
        return new EsmtpParameters(Collections.unmodifiableMap(out));
    }

    public boolean has(String key) {
        return values.containsKey(key);
    }

    /** The value; empty both when absent and when given without {@code =value}. */
    public Optional<String> value(String key) {
        return Optional.ofNullable(values.get(key));
    }

    public Iterable<String> keys() {
        return values.keySet();
    }
}
