package org.mailroom.auth;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Slow salted password hashes: Argon2id (RFC 9106) written as a self-describing PHC string,
 * {@code $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>} (unpadded base64), so that stronger
 * parameters can be adopted later while older hashes still verify.
 *
 * <p>Only the form this class writes is accepted: anything else (another algorithm, Argon2i/d,
 * absurd parameters) fails to verify rather than being guessed at.
 */
public final class PasswordHasher {

    /**
     * Argon2id cost parameters.
     *
     * @param memoryKiB memory in KiB (RFC 9106 §3.1 {@code m})
     * @param iterations passes over the memory ({@code t})
     * @param parallelism lanes ({@code p})
     */
    public record Parameters(int memoryKiB, int iterations, int parallelism) {

        /**
         * OWASP's recommended minimum for Argon2id (19 MiB, two passes, one lane); measured at 30 to
         * 55 ms per verification on this project's shared 2-core build machine: cheap enough for a
         * burst of logins, dear enough for an offline attacker.
         */
        public static final Parameters PRODUCTION = new Parameters(19 * 1024, 2, 1);

        /** Far too cheap for real use; lets tests hash many passwords quickly. */
        public static final Parameters FOR_TESTS = new Parameters(64, 1, 1);

        /** Bounds for a stored hash, so a corrupt or hostile string cannot make a login allocate gigabytes. */
        static final int MAX_MEMORY_KIB = 1024 * 1024;
        static final int MAX_ITERATIONS = 64;
        static final int MAX_PARALLELISM = 16;

        public Parameters {
            if (parallelism < 1 || parallelism > MAX_PARALLELISM || iterations < 1 || iterations > MAX_ITERATIONS
                    || memoryKiB < 8 * parallelism || memoryKiB > MAX_MEMORY_KIB) {
                throw new IllegalArgumentException("Argon2id parameters out of range: m=" + memoryKiB + ", t="
                        + iterations + ", p=" + parallelism);
            }
        }
    }

    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    private static final Pattern PHC = Pattern.compile(
            "\\$argon2id\\$v=19\\$m=(\\d{1,8}),t=(\\d{1,3}),p=(\\d{1,3})\\$([A-Za-z0-9+/]{11,64})\\$([A-Za-z0-9+/]{22,128})");

    private final Parameters parameters;
    private final SecureRandom random = new SecureRandom();
    /**
     * Each computation holds {@code m} KiB (19 MiB in production) for its duration; more at once than
     * there are cores only queue for the CPU anyway, so this bounds the memory a burst of logins on
     * many connections can take to cores x m.
     */
    private final Semaphore running = new Semaphore(Math.max(2, Runtime.getRuntime().availableProcessors()));

    /** Hashes with {@link Parameters#PRODUCTION}. */
    public PasswordHasher() {
        this(Parameters.PRODUCTION);
    }

    public PasswordHasher(Parameters parameters) {
        this.parameters = parameters;
    }

    public Parameters parameters() {
        return parameters;
    }

    /** A new PHC string for the password, with a fresh random salt. */
    public String hash(char[] password) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        byte[] hash = argon2(password, salt, parameters, HASH_BYTES);
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        return "$argon2id$v=19$m=" + parameters.memoryKiB() + ",t=" + parameters.iterations() + ",p="
                + parameters.parallelism() + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(hash);
    }

    /**
     * Whether the password matches the PHC string; false for any string not in the form {@link #hash}
     * writes. The comparison of the hashes takes the same time wherever they differ.
     */
    public boolean verify(char[] password, String stored) {
        Optional<Phc> phc = Phc.parse(stored);
        if (phc.isEmpty()) {
            return false;
        }
        Phc p = phc.get();
        byte[] actual = argon2(password, p.salt(), p.parameters(), p.hash().length);
        return MessageDigest.isEqual(actual, p.hash());
    }

    /** Whether the string is a hash in the form this class writes (it says nothing about its password). */
    public static boolean isWellFormed(String stored) {
        return Phc.parse(stored).isPresent();
    }

    private byte[] argon2(char[] password, byte[] salt, Parameters p, int length) {
        Argon2Parameters params = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(p.memoryKiB())
                .withIterations(p.iterations())
                .withParallelism(p.parallelism())
                .withSalt(salt)
                .build();
        byte[] secret = utf8(password);
        running.acquireUninterruptibly();
        try {
            // the generator and its m KiB of blocks live only inside the bound
            Argon2BytesGenerator generator = new Argon2BytesGenerator();
            generator.init(params);
            byte[] out = new byte[length];
            generator.generateBytes(secret, out);
            return out;
        } finally {
            running.release();
            Arrays.fill(secret, (byte) 0);
        }
    }

    /** The password's UTF-8 bytes, without an intermediate String that would linger on the heap. */
    static byte[] utf8(char[] password) {
        ByteBuffer buffer = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        if (buffer.hasArray()) {
            Arrays.fill(buffer.array(), (byte) 0);
        }
        return bytes;
    }

    private record Phc(Parameters parameters, byte[] salt, byte[] hash) {

        static Optional<Phc> parse(String s) {
            if (s == null) {
                return Optional.empty();
            }
            Matcher m = PHC.matcher(s);
            if (!m.matches()) {
                return Optional.empty();
            }
            try {
                Parameters p = new Parameters(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                        Integer.parseInt(m.group(3)));
                Base64.Decoder d = Base64.getDecoder();
                return Optional.of(new Phc(p, d.decode(m.group(4)), d.decode(m.group(5))));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }
    }
}
