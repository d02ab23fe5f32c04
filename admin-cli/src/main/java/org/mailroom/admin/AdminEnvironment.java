package org.mailroom.admin;

import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;

/**
 * Everything {@code mailroom-admin} takes from the world around it, so that tests run the real
 * commands in-process with their own streams, terminal and store.
 *
 * @param installDir where relative paths of the configuration resolve, and where the default
 *     {@code conf/mailroom.properties} lives
 * @param stdin read by {@code --password-stdin}
 */
public record AdminEnvironment(Path installDir, InputStream stdin, PrintWriter out, PrintWriter err,
                               Terminal terminal, StoreOpener storeOpener, PasswordHashing hashing, Clock clock) {

    /** The system property the launcher script sets to the installation directory. */
    public static final String HOME_PROPERTY = "mailroom.home";
}
