package org.mailroom.pop3.protocol;

/**
 * What a session needs of the configuration.
 *
 * @param hostname named in the greeting (and nothing else: no software, no version)
 * @param allowPlaintextAuth whether USER, PASS and AUTH are accepted before TLS
 * @param errorSoftLimit errors after which each further one slows the reply down
 * @param errorHardLimit errors after which the connection is closed
 */
public record SessionPolicy(String hostname, boolean allowPlaintextAuth, int errorSoftLimit, int errorHardLimit) {
}
