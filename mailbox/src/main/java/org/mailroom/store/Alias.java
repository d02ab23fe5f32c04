package org.mailroom.store;

import java.util.List;
import java.util.Locale;

/**
 * An address that forwards to one or more local or remote addresses. A source of the form
 * {@code @domain} is the domain's catch-all: it takes mail for any address of the domain that is
 * neither an account nor another alias (the form Postfix's virtual maps use).
 */
public record Alias(String source, List<EmailAddress> targets) {

    public Alias {
        source = normalizeSource(source);
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("an alias needs at least one target");
        }
        targets = List.copyOf(targets);
    }

    /** Checks and folds an alias source: {@code local@domain} or {@code @domain}. */
    public static String normalizeSource(String source) {
        if (source != null && source.startsWith("@")) {
            return "@" + Domains.normalize(source.substring(1));
        }
        return EmailAddress.parse(source).key();
    }

    public boolean isCatchAll() {
        return source.startsWith("@");
    }

    public String domain() {
        return source.substring(source.indexOf('@') + 1).toLowerCase(Locale.ROOT);
    }
}
