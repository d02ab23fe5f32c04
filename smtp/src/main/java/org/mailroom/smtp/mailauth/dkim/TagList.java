package org.mailroom.smtp.mailauth.dkim;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A DKIM tag=value list (RFC 6376 §3.2), also used by DMARC records (RFC 7489 §6.4). Whitespace
 * around tags and values is dropped; a tag given twice makes the whole list invalid (§3.2: "Tags with
 * duplicate names MUST NOT occur within a single tag-list").
 */
public record TagList(Map<String, String> tags) {

    public static TagList parse(String text) {
        Map<String, String> tags = new LinkedHashMap<>();
        for (String spec : text.split(";", -1)) {
            if (spec.isBlank()) {
                continue; // §3.2: a trailing semicolon is allowed
            }
            int eq = spec.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("tag without '=': " + spec.strip());
            }
            String name = spec.substring(0, eq).strip();
            if (!name.matches("[A-Za-z][A-Za-z0-9_]*")) {
                throw new IllegalArgumentException("bad tag name: " + name);
            }
            if (tags.put(name, unfold(spec.substring(eq + 1)).strip()) != null) {
                throw new IllegalArgumentException("duplicate tag " + name);
            }
        }
        return new TagList(Map.copyOf(tags));
    }

    private static String unfold(String v) {
        return v.replace("\r\n", "").replace("\n", "");
    }

    public Optional<String> get(String name) {
        return Optional.ofNullable(tags.get(name));
    }

    public String require(String name) {
        String v = tags.get(name);
        if (v == null) {
            throw new IllegalArgumentException("missing tag " + name + "=");
        }
        return v;
    }

    /** A base64 value with its folding whitespace removed (§3.5, b= and bh=). */
    public String base64(String name) {
        return require(name).replaceAll("[ \t\r\n]", "");
    }
}
