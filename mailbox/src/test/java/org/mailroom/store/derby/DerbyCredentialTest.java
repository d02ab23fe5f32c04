package org.mailroom.store.derby;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailroom.config.ConfigException;

class DerbyCredentialTest {

    @TempDir
    Path dir;

    @Test
    void theFirstStartWritesARandomCredentialReadableOnlyByItsOwner() throws IOException {
        Path file = dir.resolve("data/derby.credential");
        DerbyCredential first = DerbyCredential.loadOrCreate(file);
        assertThat(first.user()).isEqualTo("mailroom");
        assertThat(first.password()).hasSizeGreaterThanOrEqualTo(32);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(DerbyCredential.loadOrCreate(file)).isEqualTo(first);
        assertThat(DerbyCredential.load(file)).isEqualTo(first);
        assertThat(DerbyCredential.loadOrCreate(dir.resolve("other"))).isNotEqualTo(first);
    }

    @Test
    void aMissingOrBrokenFileIsOneClearError() throws IOException {
        assertThatThrownBy(() -> DerbyCredential.load(dir.resolve("none")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("Derby credential file not found");
        Files.writeString(dir.resolve("bad"), "user=mailroom\n");
        assertThatThrownBy(() -> DerbyCredential.load(dir.resolve("bad")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("bad Derby credential file");
    }

    @Test
    void thePasswordNeverShowsInText() {
        DerbyCredential c = DerbyCredential.generate();
        assertThat(c.toString()).doesNotContain(c.password());
    }

    @Test
    void migrationScriptsSplitAtSemicolonsEndingALine() {
        assertThat(Migrations.statements("-- comment\nCREATE TABLE a (\n  x INT\n);\n\nINSERT INTO a VALUES (1);\n"))
                .containsExactly("CREATE TABLE a (\nx INT\n)", "INSERT INTO a VALUES (1)");
    }
}
