package org.mailroom.delivery;

import java.util.Optional;

/**
 * How the delivery agent resolves and guards deliveries.
 *
 * @param subaddressSeparator the character between a local part and its detail ({@code alice+lists}); empty disables
 * @param maxReceivedHeaders more {@code Received} fields than this means a mail loop (RFC 5321 §6.3)
 * @param maxAliasDepth how deep alias chains are followed before the expansion is refused as a loop
 */
public record DeliveryConfig(Optional<Character> subaddressSeparator, int maxReceivedHeaders, int maxAliasDepth) {

    public static final DeliveryConfig DEFAULT = new DeliveryConfig(Optional.of('+'), 30, 10);
}
