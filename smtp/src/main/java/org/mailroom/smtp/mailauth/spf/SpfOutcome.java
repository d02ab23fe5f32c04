package org.mailroom.smtp.mailauth.spf;

/**
 * What an SPF check found: the result, the identity checked ({@code mailfrom} or {@code helo}) and its
 * domain, and for a {@code fail} the explanation the domain published (exp=, RFC 7208 §6.2), else empty.
 */
public record SpfOutcome(SpfResult result, String identity, String domain, String explanation, String reason) {
}
