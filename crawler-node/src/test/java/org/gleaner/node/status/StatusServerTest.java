package org.gleaner.node.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.gleaner.node.HostLog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StatusServerTest {
    private static final String TOKEN = "a".repeat(64);
    private final NodeStatus status = new NodeStatus("f".repeat(64), "http://127.0.0.1:1", true, 2_000_000, 123_456, 10, 20, 3,
            300, 1, Map.of("timeout", 2L), List.of("127.0.0.1/32"), "not reported by this coordinator yet",
            List.of(new HostLog.Entry(1_700_000_000_000L, "<script>evil.example</script>", "200", 512)));
    private StatusServer server;

    @BeforeEach
    void start() throws IOException {
        server = new StatusServer(0, TOKEN, () -> status);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** A raw request, so the test controls the Host header exactly as a hostile browser page could. */
    private String get(String method, String path, String host, String auth) throws IOException {
        try (Socket socket = new Socket(InetAddress.getByName("127.0.0.1"), server.port())) {
            OutputStream out = socket.getOutputStream();
            out.write((method + " " + path + " HTTP/1.1\r\nHost: " + host + "\r\n"
                    + (auth == null ? "" : "Authorization: " + auth + "\r\n") + "Connection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            try (InputStream in = socket.getInputStream()) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
    }

    private String loopback() {
        return "127.0.0.1:" + server.port();
    }

    @Test
    void answersWithTheTokenAsJsonAndHtml() throws Exception {
        String json = get("GET", "/status.json", loopback(), "Bearer " + TOKEN);
        assertThat(json).startsWith("HTTP/1.1 200").contains("\"nodeId\":\"" + "f".repeat(64) + "\"")
                .contains("\"egressAllowRules\":[\"127.0.0.1/32\"]").contains("\"measuredBytesPerSecond\":123456");
        String html = get("GET", "/?token=" + TOKEN, "localhost:" + server.port(), null);
        assertThat(html).startsWith("HTTP/1.1 200").contains("2.0 MB/s").contains("127.0.0.1/32")
                .contains("&lt;script&gt;evil.example&lt;/script&gt;").doesNotContain("<script>");
    }

    @Test
    void refusesRequestsWithoutTheRightToken() throws Exception {
        assertThat(get("GET", "/status.json", loopback(), null)).startsWith("HTTP/1.1 401");
        assertThat(get("GET", "/status.json", loopback(), "Bearer " + "b".repeat(64))).startsWith("HTTP/1.1 401");
        assertThat(get("GET", "/?token=short", loopback(), null)).startsWith("HTTP/1.1 401");
    }

    @Test
    void refusesAForeignHostHeaderEvenWithTheToken() throws Exception {
        // A page on evil.example whose name was rebound to 127.0.0.1 sends its own Host header.
        assertThat(get("GET", "/status.json", "evil.example:" + server.port(), "Bearer " + TOKEN)).startsWith("HTTP/1.1 421");
    }

    @Test
    void answersOnlyGet() throws Exception {
        assertThat(get("POST", "/status.json", loopback(), "Bearer " + TOKEN)).startsWith("HTTP/1.1 405");
    }

    @Test
    void listensOnLoopbackOnly() throws Exception {
        assertThat(InetAddress.getByName("127.0.0.1").isLoopbackAddress()).isTrue();
        // Every non-loopback address of this machine must refuse the connection.
        for (var nic : java.util.Collections.list(java.net.NetworkInterface.getNetworkInterfaces())) {
            for (var address : java.util.Collections.list(nic.getInetAddresses())) {
                if (!address.isLoopbackAddress() && address instanceof java.net.Inet4Address) {
                    try (Socket s = new Socket()) {
                        s.connect(new java.net.InetSocketAddress(address, server.port()), 500);
                        throw new AssertionError("status page reachable on " + address);
                    } catch (java.net.ConnectException | java.net.SocketTimeoutException expected) {
                        // refused: good
                    }
                }
            }
        }
    }
}
