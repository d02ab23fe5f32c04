package org.mailroom.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

class BindErrorsTest {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    @Test
    void aPortTakenByAnotherProgramSaysSoAndHowToFixIt() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, LOOPBACK)) {
            int port = taken.getLocalPort();
            IOException failure = null;
            try (ServerSocket second = new ServerSocket()) {
                second.setReuseAddress(true);
                second.bind(new InetSocketAddress(LOOPBACK, port));
            } catch (IOException e) {
                failure = e;
            }
            assertThat(failure).isNotNull();
            assertThat(BindErrors.explain("smtp.port", LOOPBACK, port, failure)).hasMessage("smtp.port " + port
                    + ": address already in use - another program listens there; stop it or choose another port");
        }
    }

    @Test
    void aPrivilegedPortNamesTheCapability() {
        Exception wrapped = new IllegalStateException("Failed to bind to: /0.0.0.0:25",
                new BindException("Permission denied"));
        assertThat(BindErrors.explain("smtp.port", LOOPBACK, 25, wrapped)).hasMessage("smtp.port 25: needs root"
                + " or CAP_NET_BIND_SERVICE (the systemd unit grants it) - or use a port above 1023");
    }

    @Test
    void anAddressOfAnotherMachinePointsAtBindAddress() {
        assertThat(BindErrors.explain("imap.port", LOOPBACK, 143, new BindException("Cannot assign requested address")))
                .hasMessage("imap.port 143: cannot listen on 127.0.0.1 - it is not an address of this machine;"
                        + " check bind.address");
    }

    @Test
    void anyOtherFailureKeepsTheSystemsWords() {
        assertThat(BindErrors.explain("pop3.port", LOOPBACK, 110, new IOException("Too many open files")))
                .hasMessage("pop3.port 110: cannot listen on 127.0.0.1: Too many open files");
    }
}
