package org.mailroom.admin;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * A new password, typed twice at a no-echo prompt or piped in with {@code --password-stdin}; never
 * an argument, which other users see in the process list and the shell keeps in its history.
 */
public final class PasswordInput {

    /** NIST SP 800-63B §5.1.1.2: at least 8 characters for a password the user chose. */
    public static final int MIN_LENGTH = 8;
    public static final int MAX_LENGTH = 1024;
    /** Letters and digits that cannot be mistaken for each other (no l, 1, I, O, 0). */
    private static final String ALPHABET = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private static final int GROUPS = 4;
    private static final int GROUP_LENGTH = 5;

    private PasswordInput() {
    }

    /** The password, checked; the caller clears the array once it is hashed. */
    public static char[] read(AdminEnvironment env, String account, boolean fromStdin) {
        char[] password = fromStdin ? fromStdin(env) : prompted(env, account);
        if (password.length < MIN_LENGTH) {
            Arrays.fill(password, '\0');
            throw new AdminFailure("a password needs at least " + MIN_LENGTH + " characters; nothing changed");
        }
        return password;
    }

    private static char[] prompted(AdminEnvironment env, String account) {
        char[] first = env.terminal().readPassword("New password for " + account + ": ")
                .orElseThrow(() -> new AdminFailure("no terminal to ask for the password on; "
                        + "pipe it in with --password-stdin"));
        char[] second = env.terminal().readPassword("Repeat the password: ").orElse(new char[0]);
        boolean same = Arrays.equals(first, second);
        Arrays.fill(second, '\0');
        if (!same) {
            Arrays.fill(first, '\0');
            throw new AdminFailure("the two passwords differ; nothing changed");
        }
        return first;
    }

    /** The first line of standard input, without its line ending. */
    private static char[] fromStdin(AdminEnvironment env) {
        char[] buf = new char[MAX_LENGTH + 1];
        int n = 0;
        try {
            Reader r = new InputStreamReader(env.stdin(), StandardCharsets.UTF_8);
            int c;
            while ((c = r.read()) != -1 && c != '\n') {
                if (n == buf.length || n == MAX_LENGTH && c != '\r') {
                    Arrays.fill(buf, '\0');
                    throw new AdminFailure("the password on standard input is longer than " + MAX_LENGTH
                            + " characters");
                }
                buf[n++] = (char) c;
            }
        } catch (IOException e) {
            Arrays.fill(buf, '\0');
            throw new AdminFailure("cannot read the password from standard input: " + e.getMessage());
        }
        if (n > 0 && buf[n - 1] == '\r') {
            n--;
        }
        char[] password = Arrays.copyOf(buf, n);
        Arrays.fill(buf, '\0');
        if (password.length == 0) {
            throw new AdminFailure("no password on standard input (--password-stdin reads its first line)");
        }
        return password;
    }

    /** A password for {@code quickstart}: 20 characters of a 57-letter alphabet, about 116 bits. */
    public static char[] generate() {
        SecureRandom random = new SecureRandom();
        char[] out = new char[GROUPS * GROUP_LENGTH + GROUPS - 1];
        int i = 0;
        for (int g = 0; g < GROUPS; g++) {
            if (g > 0) {
                out[i++] = '-';
            }
            for (int k = 0; k < GROUP_LENGTH; k++) {
                out[i++] = ALPHABET.charAt(random.nextInt(ALPHABET.length()));
            }
        }
        return out;
    }
}
