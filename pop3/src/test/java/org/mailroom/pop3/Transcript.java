package org.mailroom.pop3;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.regex.Pattern;

/**
 * Runs a transcript: {@code C: line} is sent, {@code S: line} must be the server's next line exactly,
 * {@code S~ regex} must match it, a bare {@code S:} is an empty line, {@code S: <closed>} expects the connection closed.
 */
final class Transcript {

    private Transcript() {
    }

    static void run(Pop3Client client, String script) throws IOException {
        for (String raw : script.strip().split("\n")) {
            String step = raw.stripLeading();
            if (step.isBlank()) {
                continue;
            }
            String text = step.length() > 3 ? step.substring(3) : "";
            if (step.strip().equals("S:")) {
                assertThat(client.line()).as("an empty line").isEmpty();
            } else if (step.startsWith("C: ")) {
                client.send(text);
            } else if (step.startsWith("S: <closed>")) {
                assertThat(client.closedByServer()).as("connection closed by the server").isTrue();
            } else if (step.startsWith("S: ")) {
                assertThat(client.line()).as("reply to the step before: " + step).isEqualTo(text);
            } else if (step.startsWith("S~ ")) {
                assertThat(client.line()).as(step).matches(Pattern.compile(text));
            } else {
                throw new IllegalArgumentException("not a transcript step: " + step);
            }
        }
    }
}
