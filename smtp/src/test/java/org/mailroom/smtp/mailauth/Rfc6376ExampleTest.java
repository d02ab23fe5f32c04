package org.mailroom.smtp.mailauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mailroom.smtp.mailauth.Rfc8463ExampleTest.stream;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mailroom.smtp.mailauth.dkim.DkimResult;
import org.mailroom.smtp.mailauth.dkim.DkimVerifier;

/**
 * RFC 6376 Appendix A.2: the signed example message, verified against the "brisbane" key of Appendix
 * C.3, published by the DNS stub. The body is the one erratum 3192 corrects (the RFC prints "We lost the
 * game.  Are you hungry yet?" with two spaces; the signature was made over one), which is also what its
 * bh= is the hash of. The signature is rsa-sha256, simple/simple, with a 1024-bit key (the smallest
 * RFC 8301 §3.2 still accepts).
 */
class Rfc6376ExampleTest {

    /** Appendix C.3's public key, as published at brisbane._domainkey.example.com. */
    static final String BRISBANE_KEY = "v=DKIM1; p=MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQDwIRP/UC3SBsEmGqZ9ZJW3/DkMoGeLnQg1fWn"
            + "7/zYtIxN2SnFCjxOCKG9v3b4jYfcTNh5ijSsq631uBItLa7od+v/RtdC2UzJ1lWT947qR+Rcac2gbto/NMqJ0fzfVjH4OuKhitdY9tf6"
            + "mcwGjaNBcWToIMmPSPDdQPNUYckcQ2QIDAQAB";

    static final String SIGNED = "DKIM-Signature: v=1; a=rsa-sha256; s=brisbane; d=example.com;\r\n"
            + "      c=simple/simple; q=dns/txt; i=joe@football.example.com;\r\n"
            + "      h=Received : From : To : Subject : Date : Message-ID;\r\n"
            + "      bh=2jUSOH9NhtVGCQWNr9BrIAPreKQjO6Sn7XIkfJVOzv8=;\r\n"
            + "      b=AuUoFEfDxTDkHlLXSZEpZj79LICEps6eda7W3deTVFOk4yAUoqOB\r\n"
            + "      4nujc7YopdG5dWLSdNg6xNAZpOPr+kHxt1IrE+NahM6L/LbvaHut\r\n"
            + "      KVdkLLkpVaVVQPzeRDI009SO2Il5Lu7rDNH6mZckBdrIx0orEtZV\r\n"
            + "      4bmp/YzhwvcubU4=;\r\n"
            + "Received: from client1.football.example.com  [192.0.2.1]\r\n"
            + "      by submitserver.example.com with SUBMISSION;\r\n"
            + "      Fri, 11 Jul 2003 21:01:54 -0700 (PDT)\r\n"
            + "From: Joe SixPack <joe@football.example.com>\r\n"
            + "To: Suzie Q <suzie@shopping.example.net>\r\n"
            + "Subject: Is dinner ready?\r\n"
            + "Date: Fri, 11 Jul 2003 21:00:37 -0700 (PDT)\r\n"
            + "Message-ID: <20030712040037.46341.5F8J@football.example.com>\r\n"
            + "\r\n"
            + "Hi.\r\n"
            + "\r\n"
            + "We lost the game. Are you hungry yet?\r\n"
            + "\r\n"
            + "Joe.\r\n";

    AuthDnsStub dns;

    @BeforeEach
    void publish() throws Exception {
        dns = new AuthDnsStub().txt("brisbane._domainkey.example.com", BRISBANE_KEY);
    }

    @AfterEach
    void stop() {
        dns.close();
    }

    List<DkimResult> verify(String message) throws Exception {
        return new DkimVerifier(dns.lookup(), Clock.fixed(Instant.parse("2026-12-04T12:00:00Z"), ZoneOffset.UTC), false)
                .verify(stream(message));
    }

    @Test
    void theAppendixA2SignatureVerifies() throws Exception {
        assertThat(verify(SIGNED)).singleElement().satisfies(r -> {
            assertThat(r.result()).isEqualTo(DkimResult.Result.PASS);
            assertThat(r.domain()).isEqualTo("example.com");
            assertThat(r.selector()).isEqualTo("brisbane");
            assertThat(r.identity()).isEqualTo("joe@football.example.com");
        });
    }

    @Test
    void theExampleAlteredAfterSigningFails() throws Exception {
        // the body as the RFC prints it, two spaces: simple canonicalisation keeps them, the body hash differs
        assertThat(verify(SIGNED.replace("game. Are", "game.  Are"))).extracting(DkimResult::result)
                .containsExactly(DkimResult.Result.FAIL);
        // a signed field changed: in simple canonicalisation even added white space counts
        assertThat(verify(SIGNED.replace("Subject: Is dinner", "Subject:  Is dinner"))).extracting(DkimResult::result)
                .containsExactly(DkimResult.Result.FAIL);
        // an unsigned field added is allowed
        assertThat(verify(SIGNED.replace("Subject: Is", "X-Note: added later\r\nSubject: Is")))
                .extracting(DkimResult::result).containsExactly(DkimResult.Result.PASS);
    }
}
