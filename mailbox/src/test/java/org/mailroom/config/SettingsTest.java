package org.mailroom.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsTest {

    private static Settings of(Map<String, String> m) {
        return new Settings(m, Path.of("/opt/mailroom"), "mailroom.properties");
    }

    @Test
    void typedReadersParseTheirValues() {
        Settings s = of(Map.of("p", "2525", "d", "10m", "z", "25M", "b", "yes", "path", "data"));
        assertThat(s.port("p", 25)).isEqualTo(2525);
        assertThat(s.duration("d", Duration.ZERO)).isEqualTo(Duration.ofMinutes(10));
        assertThat(s.size("z", 0)).isEqualTo(25L << 20);
        assertThat(s.bool("b", false)).isTrue();
        assertThat(s.path("path", "x")).isEqualTo(Path.of("/opt/mailroom/data"));
        assertThat(s.port("absent", 110)).isEqualTo(110);
    }

    @Test
    void aBadValueNamesTheFileTheKeyAndTheProblem() {
        Settings s = of(Map.of("smtp.port", "abc", "imap.port", "70000", "t", "soon"));
        assertThatThrownBy(() -> s.port("smtp.port", 25))
                .hasMessage("mailroom.properties: smtp.port: not a port number: 'abc'");
        assertThatThrownBy(() -> s.port("imap.port", 143))
                .hasMessage("mailroom.properties: imap.port: a port must be between 0 (disabled) and 65535, not 70000");
        assertThatThrownBy(() -> s.duration("t", Duration.ZERO)).hasMessageContaining("t: not a duration");
    }

    @Test
    void keysNoModuleReadAreRefused() {
        Settings s = of(Map.of("smtp.port", "25", "smtp.prot", "26"));
        s.port("smtp.port", 25);
        assertThatThrownBy(s::rejectUnknownKeys).isInstanceOf(ConfigException.class)
                .hasMessage("mailroom.properties: smtp.prot: unknown key");
    }

    @Test
    void prefixedKeysAreReadTogether() {
        Settings s = of(Map.of("route.example.org", "127.0.0.1:2525", "x", "1"));
        assertThat(s.withPrefix("route.")).containsEntry("example.org", "127.0.0.1:2525");
        s.string("x", null);
        s.rejectUnknownKeys();
    }

    @Test
    void addressesMustBeLiterals() {
        assertThatThrownBy(() -> of(Map.of("bind.address", "localhost")).address("bind.address", "0.0.0.0"))
                .hasMessageContaining("bind.address: must be an IP address");
    }
}
