package org.mailroom.config;

import java.io.IOException;
import java.io.Reader;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The raw key/value configuration with typed, validating readers. Each module turns the keys it owns
 * into its own immutable config record; afterwards {@link #rejectUnknownKeys()} refuses any key no
 * module read, so that a misspelt key stops the start instead of being silently ignored.
 *
 * <p>Every error is a {@link ConfigException} whose message names the file, the key and what is wrong.
 */
public final class Settings {

    private final Map<String, String> values;
    private final Path installDir;
    private final String source;
    private final Set<String> read = new HashSet<>();

    public Settings(Map<String, String> values, Path installDir, String source) {
        this.values = new TreeMap<>(values);
        this.installDir = installDir;
        this.source = source;
    }

    /** Reads a properties file (UTF-8); relative paths in it resolve against {@code installDir}. */
    public static Settings load(Path file, Path installDir) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (NoSuchFileException e) {
            throw new ConfigException(file + ": configuration file not found");
        } catch (IOException | IllegalArgumentException e) {
            throw new ConfigException(file + ": cannot read configuration: " + e.getMessage());
        }
        Map<String, String> m = new TreeMap<>();
        for (String k : p.stringPropertyNames()) {
            m.put(k.trim(), p.getProperty(k).trim());
        }
        return new Settings(m, installDir, file.toString());
    }

    public Path installDir() {
        return installDir;
    }

    public ConfigException error(String key, String problem) {
        return new ConfigException(source + ": " + key + ": " + problem);
    }

    /** The value, or the default when the key is absent or empty. */
    public String string(String key, String defaultValue) {
        read.add(key);
        String v = values.get(key);
        return v == null || v.isEmpty() ? defaultValue : v;
    }

    public Optional<String> optional(String key) {
        return Optional.ofNullable(string(key, null));
    }

    /**
     * The value exactly as written, empty string included: for keys where an empty value means
     * something other than the default (an empty {@code recipient.delimiter} turns subaddressing off).
     */
    public Optional<String> verbatim(String key) {
        read.add(key);
        return Optional.ofNullable(values.get(key));
    }

    public int integer(String key, int defaultValue, int min, int max) {
        String v = string(key, null);
        if (v == null) {
            return defaultValue;
        }
        try {
            int n = Integer.parseInt(v);
            if (n < min || n > max) {
                throw error(key, "must be between " + min + " and " + max + ", not " + v);
            }
            return n;
        } catch (NumberFormatException e) {
            throw error(key, "not a whole number: '" + v + "'");
        }
    }

    /** A TCP port; 0 disables the listener it belongs to. */
    public int port(String key, int defaultValue) {
        String v = string(key, null);
        if (v == null) {
            return defaultValue;
        }
        try {
            int n = Integer.parseInt(v);
            if (n < 0 || n > 65535) {
                throw error(key, "a port must be between 0 (disabled) and 65535, not " + v);
            }
            return n;
        } catch (NumberFormatException e) {
            throw error(key, "not a port number: '" + v + "'");
        }
    }

    public boolean bool(String key, boolean defaultValue) {
        String v = string(key, null);
        if (v == null) {
            return defaultValue;
        }
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw error(key, "must be true or false, not '" + v + "'");
        };
    }

    /** A duration such as {@code 500ms}, {@code 30s}, {@code 10m}, {@code 2h} or {@code 5d}. */
    public Duration duration(String key, Duration defaultValue) {
        String v = string(key, null);
        if (v == null) {
            return defaultValue;
        }
        try {
            return parseDuration(v);
        } catch (IllegalArgumentException e) {
            throw error(key, "not a duration (like 30s, 10m, 2h, 5d): '" + v + "'");
        }
    }

    static Duration parseDuration(String v) {
        String s = v.trim().toLowerCase(Locale.ROOT);
        int i = 0;
        while (i < s.length() && Character.isDigit(s.charAt(i))) {
            i++;
        }
        if (i == 0) {
            throw new IllegalArgumentException(v);
        }
        long n = Long.parseLong(s.substring(0, i));
        return switch (s.substring(i)) {
            case "ms" -> Duration.ofMillis(n);
            case "s", "" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            case "d" -> Duration.ofDays(n);
            default -> throw new IllegalArgumentException(v);
        };
    }

    /** A size in bytes such as {@code 512}, {@code 64K}, {@code 25M} or {@code 2G} (binary multiples). */
    public long size(String key, long defaultValue) {
        String v = string(key, null);
        if (v == null) {
            return defaultValue;
        }
        try {
            return parseSize(v);
        } catch (IllegalArgumentException e) {
            throw error(key, "not a size (like 512, 64K, 25M, 2G): '" + v + "'");
        }
    }

    public static long parseSize(String v) {
        String s = v.trim().toUpperCase(Locale.ROOT);
        if (s.endsWith("B")) {
            s = s.substring(0, s.length() - 1);
        }
        long mult = 1;
        if (!s.isEmpty()) {
            switch (s.charAt(s.length() - 1)) {
                case 'K' -> mult = 1L << 10;
                case 'M' -> mult = 1L << 20;
                case 'G' -> mult = 1L << 30;
                case 'T' -> mult = 1L << 40;
                default -> mult = 1;
            }
            if (mult != 1) {
                s = s.substring(0, s.length() - 1);
            }
        }
        long n;
        try {
            n = Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(v);
        }
        if (n < 0 || n > Long.MAX_VALUE / mult) {
            throw new IllegalArgumentException(v);
        }
        return n * mult;
    }

    /** A path, resolved against the installation directory when relative. */
    public Optional<Path> path(String key) {
        return optional(key).map(v -> installDir.resolve(v).normalize());
    }

    public Path path(String key, String defaultValue) {
        return installDir.resolve(string(key, defaultValue)).normalize();
    }

    /** A path that must name an existing readable file. */
    public Optional<Path> existingFile(String key) {
        Optional<Path> p = path(key);
        if (p.isPresent() && !Files.isReadable(p.get())) {
            throw error(key, "file not found or not readable: " + p.get());
        }
        return p;
    }

    /** A literal IP address (no DNS lookup at start-up). */
    public InetAddress address(String key, String defaultValue) {
        String v = string(key, defaultValue);
        boolean literal = v.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == '.' || c == ':');
        if (!literal) {
            throw error(key, "must be an IP address such as 0.0.0.0, 127.0.0.1 or ::, not '" + v + "'");
        }
        try {
            return InetAddress.getByName(v);
        } catch (UnknownHostException e) {
            throw error(key, "not an IP address: '" + v + "'");
        }
    }

    /** Every key that starts with {@code prefix} (e.g. {@code route.}), without the prefix, marked read. */
    public Map<String, String> withPrefix(String prefix) {
        Map<String, String> out = new TreeMap<>();
        for (Map.Entry<String, String> e : values.entrySet()) {
            if (e.getKey().startsWith(prefix)) {
                read.add(e.getKey());
                out.put(e.getKey().substring(prefix.length()), e.getValue());
            }
        }
        return out;
    }

    /** Refuses the configuration if it holds a key that no module read. */
    public void rejectUnknownKeys() {
        Set<String> unknown = new TreeSet<>(values.keySet());
        unknown.removeAll(read);
        if (!unknown.isEmpty()) {
            String first = unknown.iterator().next();
            throw new ConfigException(source + ": " + first + ": unknown key"
                    + (unknown.size() > 1 ? " (and " + (unknown.size() - 1) + " more)" : ""));
        }
    }
}
