package org.mailroom.admin;

import java.util.Base64;
import java.nio.charset.StandardCharsets;

/** Placeholder until the auth package's hasher is on main. */
final class TestHashing {

    static final PasswordHashing FAST = password -> new PasswordHashing.HashedPassword(
            "pending:" + Base64.getEncoder().encodeToString(new String(password).getBytes(StandardCharsets.UTF_8)),
            "pending");

    private TestHashing() {
    }
}
