package org.mailroom.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailroom.store.EmailAddress;
import org.mailroom.store.Quota;
import org.mailroom.store.derby.DerbyStore;
import org.mailroom.store.derby.TestStores;

/** Named regression tests for the attacks on logins that issue 2 and DESIGN.md name. */
class AuthenticationSecurityTest {

    static final PasswordHasher CHEAP = DefaultAuthenticatorTest.CHEAP;
    static final String PASSWORD = "Tr0ub4dor&3-unique";

    @TempDir
    Path dir;
    DerbyStore store;
    MutableClock clock = new MutableClock();
    DefaultAuthenticator auth;
    final EmailAddress alice = EmailAddress.parse("alice@example.org");

    @BeforeEach
    void open() {
        store = TestStores.open(dir);
        store.admin().addDomain("example.org");
        Credentials c = Credentials.fromPassword(PASSWORD.toCharArray(), CHEAP);
        store.admin().addAccount(alice, c.passwordHash(), c.scramVerifier(), Quota.UNLIMITED);
        auth = new DefaultAuthenticator(store.credentials(), new LoginThrottle(ThrottleConfig.DEFAULTS, clock), clock,
                CHEAP);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void unknownUserAndWrongPasswordAreIndistinguishable() throws Exception {
        List<LoginResult> unknown = new ArrayList<>();
        List<LoginResult> wrong = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            unknown.add(auth.login("nobody@example.org", "guess".toCharArray(), InetAddress.getByName("192.0.2.1")));
            wrong.add(auth.login("alice@example.org", "guess".toCharArray(), InetAddress.getByName("192.0.2.2")));
        }
        assertThat(unknown).isEqualTo(wrong);
        assertThat(unknown).allMatch(r -> r instanceof LoginResult.Failure);
    }

    @Test
    void aDisabledAccountAnswersExactlyLikeAWrongPassword() throws Exception {
        store.admin().setEnabled(alice, false);
        LoginResult disabled = auth.login("alice@example.org", PASSWORD.toCharArray(), InetAddress.getByName("192.0.2.3"));
        LoginResult unknown = auth.login("nobody@example.org", PASSWORD.toCharArray(), InetAddress.getByName("192.0.2.4"));
        assertThat(disabled).isEqualTo(unknown).isInstanceOf(LoginResult.Failure.class);
    }

    @Test
    void banAfterRepeatedFailuresHoldsEvenWithTheRightPassword() throws Exception {
        InetAddress attacker = InetAddress.getByName("198.51.100.7");
        LoginResult last = null;
        for (int i = 0; i < ThrottleConfig.DEFAULTS.addressLimit(); i++) {
            last = auth.login("alice@example.org", ("guess" + i).toCharArray(), attacker);
        }
        assertThat(last).isInstanceOf(LoginResult.Banned.class);
        assertThat(auth.login("alice@example.org", PASSWORD.toCharArray(), attacker))
                .isInstanceOf(LoginResult.Banned.class);
        clock.advance(ThrottleConfig.DEFAULTS.banDuration());
        assertThat(auth.login("alice@example.org", PASSWORD.toCharArray(), attacker))
                .isInstanceOf(LoginResult.Success.class);
    }

    @Test
    void anAttackOnAnAccountFromManyAddressesBansItButDoesNotLockOutItsOwnersKnownClient() throws Exception {
        InetAddress owner = InetAddress.getByName("192.0.2.50");
        assertThat(auth.login("alice@example.org", PASSWORD.toCharArray(), owner)).isInstanceOf(LoginResult.Success.class);
        for (int i = 0; i < ThrottleConfig.DEFAULTS.accountLimit(); i++) {
            auth.login("alice@example.org", "guess".toCharArray(), InetAddress.getByName("203.0.113." + i));
        }
        assertThat(auth.login("alice@example.org", PASSWORD.toCharArray(), InetAddress.getByName("203.0.113.99")))
                .isInstanceOf(LoginResult.Banned.class);
        assertThat(auth.login("alice@example.org", PASSWORD.toCharArray(), owner)).isInstanceOf(LoginResult.Success.class);
    }

    @Test
    void cacheIsInvalidatedWhenThePasswordChangesThroughTheAdminStore() {
        InetAddress client = InetAddress.getLoopbackAddress();
        assertThat(auth.login("alice@example.org", PASSWORD.toCharArray(), client)).isInstanceOf(LoginResult.Success.class);
        Credentials changed = Credentials.fromPassword("the new one".toCharArray(), CHEAP);
        store.admin().setCredentials(alice, changed.passwordHash(), changed.scramVerifier());

        assertThat(auth.login("alice@example.org", PASSWORD.toCharArray(), client)).isInstanceOf(LoginResult.Failure.class);
        assertThat(auth.login("alice@example.org", "the new one".toCharArray(), client))
                .isInstanceOf(LoginResult.Success.class);
    }

    @Test
    void noPlaintextPasswordIsKeptAfterALogin() throws Exception {
        auth.login("alice@example.org", PASSWORD.toCharArray(), InetAddress.getLoopbackAddress());
        assertThat(auth.cachedCount()).isEqualTo(1);
        byte[] utf8 = PASSWORD.getBytes(StandardCharsets.UTF_8);
        for (Object o : reachableFrom(auth)) {
            if (o instanceof String s) {
                assertThat(s).doesNotContain(PASSWORD);
            } else if (o instanceof char[] chars) {
                assertThat(new String(chars)).doesNotContain(PASSWORD);
            } else if (o instanceof byte[] bytes) {
                assertThat(new String(bytes, StandardCharsets.ISO_8859_1))
                        .doesNotContain(new String(utf8, StandardCharsets.ISO_8859_1));
            }
        }
    }

    @Test
    void theCacheNeverAcceptsAWrongPassword() {
        InetAddress client = InetAddress.getLoopbackAddress();
        auth.login("alice@example.org", PASSWORD.toCharArray(), client);
        assertThat(auth.login("alice@example.org", (PASSWORD + "x").toCharArray(), client))
                .isInstanceOf(LoginResult.Failure.class);
    }

    /** Every object reachable from {@code root} through fields of this project's classes and JDK collections. */
    private static List<Object> reachableFrom(Object root) throws IllegalAccessException {
        Map<Object, Boolean> seen = new IdentityHashMap<>();
        List<Object> todo = new ArrayList<>(List.of(root));
        List<Object> all = new ArrayList<>();
        while (!todo.isEmpty()) {
            Object o = todo.remove(todo.size() - 1);
            if (o == null || seen.put(o, true) != null) {
                continue;
            }
            all.add(o);
            if (o instanceof Map<?, ?> m) {
                todo.addAll(m.keySet());
                todo.addAll(m.values());
                continue;
            }
            if (o instanceof Iterable<?> it && !(o instanceof Path)) {
                it.forEach(todo::add);
                continue;
            }
            if (o instanceof Object[] arr) {
                todo.addAll(List.of(arr));
                continue;
            }
            if (!o.getClass().getName().startsWith("org.mailroom.auth")) {
                continue;
            }
            for (Class<?> c = o.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
                for (Field f : c.getDeclaredFields()) {
                    if (f.getType().isPrimitive() || java.lang.reflect.Modifier.isStatic(f.getModifiers())) {
                        continue;
                    }
                    f.setAccessible(true);
                    todo.add(f.get(o));
                }
            }
        }
        return all;
    }
}
