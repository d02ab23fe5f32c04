package org.mailroom.mime;

import java.util.Locale;
import java.util.Objects;

/** A Content-Disposition (RFC 2183): its type in lower case and its parameters as written. */
public record Disposition(String type, Parameters parameters) {

    public Disposition {
        type = type.toLowerCase(Locale.ROOT);
        Objects.requireNonNull(parameters);
    }
}
