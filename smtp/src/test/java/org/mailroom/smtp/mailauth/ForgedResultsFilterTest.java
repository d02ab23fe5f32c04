package org.mailroom.smtp.mailauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mailroom.smtp.mailauth.Rfc8463ExampleTest.stream;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mailroom.smtp.mailauth.dmarc.DmarcOutcome;
import org.mailroom.smtp.mailauth.dmarc.DmarcRecord.Policy;
import org.mailroom.smtp.mailauth.spf.SpfOutcome;
import org.mailroom.smtp.mailauth.spf.SpfResult;

/** Security: a message arriving with results in our name loses them; ours goes first; the body is untouched. */
class ForgedResultsFilterTest {

    @Test
    void forgedResultsClaimingOurNameAreRemovedAndOursPrepended() throws Exception {
        String message = "Received: from x\r\n"
                + "Authentication-Results: mx.receiver.example; dkim=pass header.d=bank.example\r\n"
                + "Authentication-Results: mx.upstream.example; spf=pass\r\n"
                + "authentication-results:\r\n  MX.RECEIVER.EXAMPLE; dmarc=pass\r\n"
                + "From: boss@bank.example\r\n"
                + "\r\n"
                + "Authentication-Results: mx.receiver.example; in the body stays\r\n";
        String ours = AuthenticationResults.format("mx.receiver.example",
                new SpfOutcome(SpfResult.FAIL, "mailfrom", "bank.example", "", ""), List.of(),
                new DmarcOutcome(DmarcOutcome.Result.FAIL, "bank.example", Policy.REJECT, Policy.REJECT, ""));
        AuthenticationResults results = new AuthenticationResults(null, List.of(), null, PolicyAction.REJECT, ours);
        String out = new String(ForgedResultsFilter.withResults(results, "mx.receiver.example", stream(message)).readAllBytes(),
                StandardCharsets.ISO_8859_1);
        assertThat(out).isEqualTo(ours
                + "Received: from x\r\n"
                + "Authentication-Results: mx.upstream.example; spf=pass\r\n"
                + "From: boss@bank.example\r\n"
                + "\r\n"
                + "Authentication-Results: mx.receiver.example; in the body stays\r\n");
    }
}
