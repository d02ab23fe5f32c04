package org.mailroom.mime;

import java.util.Objects;

/** One {@code name=value} of a Content-Type or Content-Disposition, the value unquoted. */
public record Parameter(String name, String value) {

    public Parameter {
        Objects.requireNonNull(name);
        Objects.requireNonNull(value);
    }
}
