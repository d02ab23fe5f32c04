package org.mailroom.store.derby;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The versioned schema: script {@code V<n>__*.sql} takes the database from version n-1 to n, in one
 * transaction together with its row in {@code schema_version}. Scripts are never edited once
 * released; a change is a new script appended to {@link #SCRIPTS}.
 */
final class Migrations {

    static final String SCHEMA = "MAILROOM";
    static final List<String> SCRIPTS = List.of("V1__schema.sql", "V2__dkim_keys.sql", "V3__mailbox_counters.sql",
            "V4__save_date.sql", "V5__metadata.sql", "V6__counted_by_writers.sql");

    private Migrations() {
    }

    /** The schema version this code knows. */
    static int knownVersion() {
        return SCRIPTS.size();
    }

    /** Creates the schema if needed and applies every script the database lacks. */
    static void migrate(Connection c) throws SQLException {
        if (!schemaExists(c)) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE SCHEMA " + SCHEMA);
            }
        }
        useSchema(c);
        if (!tableExists(c, "SCHEMA_VERSION")) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE schema_version (version INT NOT NULL PRIMARY KEY, "
                        + "script VARCHAR(200) NOT NULL, applied BIGINT NOT NULL)");
            }
        }
        c.commit();
        int current = requireKnown(version(c));
        for (int v = current + 1; v <= knownVersion(); v++) {
            String script = SCRIPTS.get(v - 1);
            try (Statement s = c.createStatement()) {
                for (String sql : statements(load(script))) {
                    s.execute(sql);
                }
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO schema_version (version, script, applied) VALUES (?, ?, ?)")) {
                ps.setInt(1, v);
                ps.setString(2, script);
                ps.setLong(3, System.currentTimeMillis());
                ps.executeUpdate();
            }
            c.commit();
        }
    }

    /** Refuses a schema this code does not know: newer (or, over the network, not yet migrated). */
    static void requireExactly(Connection c) throws SQLException {
        useSchema(c);
        int v = tableExists(c, "SCHEMA_VERSION") ? version(c) : 0;
        requireKnown(v);
        if (v < knownVersion()) {
            throw new IllegalStateException("database schema version " + v + " is older than this Mailroom (knows "
                    + knownVersion() + "): start the server once to upgrade it");
        }
    }

    static int requireKnown(int version) {
        if (version > knownVersion()) {
            throw new IllegalStateException("database schema version " + version
                    + " is newer than this Mailroom (knows " + knownVersion() + "): upgrade Mailroom");
        }
        return version;
    }

    static void useSchema(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("SET SCHEMA " + SCHEMA);
        }
    }

    static int version(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT MAX(version) FROM schema_version")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static boolean schemaExists(Connection c) throws SQLException {
        try (ResultSet rs = c.getMetaData().getSchemas(null, SCHEMA)) {
            return rs.next();
        }
    }

    private static boolean tableExists(Connection c, String table) throws SQLException {
        DatabaseMetaData md = c.getMetaData();
        try (ResultSet rs = md.getTables(null, SCHEMA, table, new String[] {"TABLE"})) {
            return rs.next();
        }
    }

    private static String load(String script) {
        try (InputStream in = Migrations.class.getResourceAsStream(script)) {
            if (in == null) {
                throw new IllegalStateException("migration script missing from the build: " + script);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read migration script " + script, e);
        }
    }

    /** Splits a script at semicolons that end a line; lines starting with {@code --} are comments. */
    static List<String> statements(String script) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (String line : script.split("\n")) {
            String t = line.strip();
            if (t.startsWith("--") || t.isEmpty()) {
                continue;
            }
            if (t.endsWith(";")) {
                cur.append(t, 0, t.length() - 1);
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(t).append('\n');
            }
        }
        if (!cur.toString().isBlank()) {
            out.add(cur.toString());
        }
        return out;
    }
}
