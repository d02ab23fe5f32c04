package org.mailroom.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SessionGuardsTest {

    @Test
    void connectionsPerAddressAreCappedAndReleased() throws Exception {
        ConnectionLimiter limiter = new ConnectionLimiter(2);
        InetAddress a = InetAddress.getByName("192.0.2.1");
        InetAddress b = InetAddress.getByName("192.0.2.2");
        assertThat(limiter.tryAcquire(a)).isTrue();
        assertThat(limiter.tryAcquire(a)).isTrue();
        assertThat(limiter.tryAcquire(a)).isFalse();
        assertThat(limiter.tryAcquire(b)).isTrue();
        limiter.release(a);
        assertThat(limiter.tryAcquire(a)).isTrue();
        limiter.release(a);
        limiter.release(a);
        assertThat(limiter.openFrom(a)).isZero();
    }

    @Test
    void errorsPastTheSoftLimitCostGrowingDelaysAndTheHardLimitCloses() {
        ErrorBudget budget = new ErrorBudget(2, 5);
        assertThat(budget.charge()).isEqualTo(new ErrorBudget.Verdict(false, Duration.ZERO));
        assertThat(budget.charge()).isEqualTo(new ErrorBudget.Verdict(false, Duration.ZERO));
        assertThat(budget.charge().delay()).isEqualTo(Duration.ofMillis(250));
        assertThat(budget.charge().delay()).isEqualTo(Duration.ofMillis(500));
        assertThat(budget.charge().close()).isTrue();
    }

    @Test
    void httpRequestLinesAreForeign() {
        assertThat(ForeignProtocol.isHttp("GET / HTTP/1.1")).isTrue();
        assertThat(ForeignProtocol.isHttp("post /x HTTP/1.0")).isTrue();
        assertThat(ForeignProtocol.isHttp("Host: example.org")).isTrue();
        assertThat(ForeignProtocol.isHttp("HELO example.org")).isFalse();
        assertThat(ForeignProtocol.isHttp("GET")).isFalse();
    }
}
