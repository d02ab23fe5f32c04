package org.mailroom.admin;

import java.io.Console;
import java.util.Optional;

/** Where a password is asked for without echo: the controlling terminal, when there is one. */
public interface Terminal {

    /** The typed password, or empty when no terminal is attached (a script, a pipe, a cron job). */
    Optional<char[]> readPassword(String prompt);

    /** The process's terminal, through {@link System#console()}. */
    static Terminal system() {
        return prompt -> {
            Console console = System.console();
            if (console == null) {
                return Optional.empty();
            }
            char[] typed = console.readPassword("%s", prompt);
            return Optional.of(typed == null ? new char[0] : typed);
        };
    }
}
