package org.mailroom.admin;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** The version Maven wrote into {@code version.properties} at build time, for {@code --version}. */
public final class Version implements IVersionProvider {

    @Override
    public String[] getVersion() {
        return new String[] {"mailroom-admin " + current()};
    }

    static String current() {
        Properties p = new Properties();
        try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // an unreadable resource inside our own jar: report the version as unknown
        }
        return p.getProperty("version", "unknown");
    }
}
