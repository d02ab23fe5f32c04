package org.mailroom.smtp.mailauth.spf;

/**
 * Ends an evaluation at once with temperror or permerror (RFC 7208 §4.6.4, §5: such results propagate
 * through include and redirect unchanged). Used only inside {@link SpfChecker}.
 */
final class SpfAbort extends Exception {

    private static final long serialVersionUID = 1L;

    final SpfResult result;

    SpfAbort(SpfResult result, String reason) {
        super(reason, null, false, false);
        this.result = result;
    }
}
