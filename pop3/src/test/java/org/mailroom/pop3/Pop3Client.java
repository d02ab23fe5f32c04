package org.mailroom.pop3;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLSocket;

/** A bare POP3 client for transcripts: raw lines in and out, TLS on demand. */
final class Pop3Client implements AutoCloseable {

    private Socket socket;
    private InputStream in;
    private OutputStream out;

    private Pop3Client(Socket socket) throws IOException {
        use(socket);
    }

    static Pop3Client connect(int port) throws IOException {
        return new Pop3Client(new Socket(InetAddress.getLoopbackAddress(), port));
    }

    static Pop3Client connectTls(int port) throws IOException {
        SSLSocket s = (SSLSocket) TestTls.clientContext().getSocketFactory()
                .createSocket(InetAddress.getLoopbackAddress(), port);
        s.startHandshake();
        return new Pop3Client(s);
    }

    private void use(Socket s) throws IOException {
        socket = s;
        socket.setSoTimeout(10_000);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    /** Puts TLS on the connection (after the server's +OK to STLS). */
    void startTls() throws IOException {
        SSLSocket s = (SSLSocket) TestTls.clientContext().getSocketFactory()
                .createSocket(socket, "localhost", socket.getPort(), true);
        s.setUseClientMode(true);
        s.startHandshake();
        use(s);
    }

    void send(String line) throws IOException {
        sendRaw((line + "\r\n").getBytes(StandardCharsets.UTF_8));
    }

    void sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** The next line without CRLF; null at end of stream. */
    String line() throws IOException {
        byte[] raw = rawLine();
        if (raw == null) {
            return null;
        }
        int n = raw.length;
        if (n >= 2 && raw[n - 2] == '\r' && raw[n - 1] == '\n') {
            n -= 2;
        }
        return new String(raw, 0, n, StandardCharsets.UTF_8);
    }

    /** The next line with its line end, exactly as sent; null at end of stream. */
    byte[] rawLine() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0) {
            b.write(c);
            if (c == '\n') {
                return b.toByteArray();
            }
        }
        return b.size() == 0 ? null : b.toByteArray();
    }

    /** The lines of a multi-line body up to the terminating dot, still dot-stuffed. */
    List<String> body() throws IOException {
        List<String> lines = new ArrayList<>();
        String l;
        while ((l = line()) != null && !l.equals(".")) {
            lines.add(l);
        }
        return lines;
    }

    /** A multi-line body with stuffing removed, as the bytes the message had (RFC 1939 §3). */
    byte[] message() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        byte[] raw;
        while ((raw = rawLine()) != null) {
            String s = new String(raw, StandardCharsets.ISO_8859_1);
            if (s.equals(".\r\n")) {
                return b.toByteArray();
            }
            int from = raw.length > 0 && raw[0] == '.' ? 1 : 0;
            b.write(raw, from, raw.length - from);
        }
        throw new IOException("connection closed inside a multi-line response");
    }

    /** True if the server closed the connection (nothing more to read within the timeout). */
    boolean closedByServer() throws IOException {
        try {
            return in.read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    /** Cuts the connection without QUIT. */
    void drop() throws IOException {
        socket.setSoLinger(true, 0);
        socket.close();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
