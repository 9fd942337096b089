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
import org.gleaner.node.operator.CreditsStatus;
import org.gleaner.node.operator.NodeCreditsView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StatusServerTest {
    private static final String TOKEN = "a".repeat(64);
    private final NodeStatus status = new NodeStatus("f".repeat(64), "http://127.0.0.1:1", true, 2_000_000, 123_456, 10, 20, 3,
            300, 1, 4, Map.of("timeout", 2L), List.of("127.0.0.1/32"),
            new CreditsStatus("ok", "", new NodeCreditsView(2, 200, Map.of("G104", new NodeCreditsView.Reason("G104", "not leased", 1)),
                    Map.of()), 1_700_000_000_000L),
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
        return request(method, path, host, auth, null);
    }

    private String request(String method, String path, String host, String auth, String origin) throws IOException {
        try (Socket socket = new Socket(InetAddress.getByName("127.0.0.1"), server.port())) {
            OutputStream out = socket.getOutputStream();
            out.write((method + " " + path + " HTTP/1.1\r\nHost: " + host + "\r\n"
                    + (auth == null ? "" : "Authorization: " + auth + "\r\n")
                    + (origin == null ? "" : "Origin: " + origin + "\r\n")
                    + ("POST".equals(method) ? "Content-Length: 0\r\n" : "") + "Connection: close\r\n\r\n")
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
    void answersWithTheTokenAsJsonAndServesThePageAndItsFiles() throws Exception {
        String json = get("GET", "/status.json", loopback(), "Bearer " + TOKEN);
        assertThat(json).startsWith("HTTP/1.1 200").contains("\"nodeId\":\"" + "f".repeat(64) + "\"")
                .contains("\"egressAllowRules\":[\"127.0.0.1/32\"]").contains("\"measuredBytesPerSecond\":123456")
                .contains("\"handedBackUrls\":4").contains("\"G104\"").contains("\"state\":\"ok\"");
        assertThat(get("GET", "/api/status", loopback(), "Bearer " + TOKEN)).startsWith("HTTP/1.1 200").contains("\"creditedPages\":2");
        String html = get("GET", "/?token=" + TOKEN, "localhost:" + server.port(), null);
        assertThat(html).startsWith("HTTP/1.1 200").contains("<script src=\"/operator.js\"")
                .containsIgnoringCase("Content-Security-Policy: default-src 'none'; script-src 'self'")
                .containsIgnoringCase("Referrer-Policy: no-referrer");
        // The page's files carry no data and need no token; the script writes values as text, never as HTML.
        assertThat(get("GET", "/operator.js", loopback(), null)).startsWith("HTTP/1.1 200").contains("textContent")
                .doesNotContain("innerHTML");
        assertThat(get("GET", "/operator.css", loopback(), null)).startsWith("HTTP/1.1 200");
        assertThat(get("GET", "/api/statements", loopback(), "Bearer " + TOKEN)).startsWith("HTTP/1.1 200")
                .contains("started without the coordinator's side");
    }

    @Test
    void theOpenApiDocumentNamesExactlyTheRoutesThatAnswer() throws Exception {
        String doc = get("GET", "/openapi.json", loopback(), null);
        assertThat(doc).startsWith("HTTP/1.1 200");
        var paths = tools.jackson.databind.json.JsonMapper.builder().build()
                .readTree(doc.substring(doc.indexOf("\r\n\r\n") + 4)).required("paths");
        List<String> documented = new java.util.ArrayList<>();
        paths.propertyNames().forEach(documented::add);
        assertThat(documented).containsExactlyInAnyOrder("/", "/api/status", "/status.json", "/api/statements",
                "/api/statements/{epoch}/verify", "/openapi.json");
        for (String path : documented) {
            var methods = paths.required(path);
            String method = methods.has("post") ? "POST" : "GET";
            String concrete = path.replace("{epoch}", "7");
            String answer = get(method, concrete, loopback(), "Bearer " + TOKEN);
            assertThat(answer).as(method + " " + concrete).doesNotStartWith("HTTP/1.1 405");
            assertThat(answer.startsWith("HTTP/1.1 404") && !path.contains("{epoch}")).as(concrete + " answers").isFalse();
        }
        assertThat(get("GET", "/api/other", loopback(), "Bearer " + TOKEN)).startsWith("HTTP/1.1 404");
    }

    @Test
    void verifyTakesTheTokenOnlyAsAHeaderAndOnlyFromThisPagesOrigin() throws Exception {
        assertThat(request("POST", "/api/statements/1/verify?token=" + TOKEN, loopback(), null, null))
                .as("a cross-site form could send a query token").startsWith("HTTP/1.1 401");
        assertThat(request("POST", "/api/statements/1/verify", loopback(), "Bearer " + TOKEN, "http://evil.example"))
                .startsWith("HTTP/1.1 401");
        assertThat(request("GET", "/api/statements/1/verify", loopback(), "Bearer " + TOKEN, null)).startsWith("HTTP/1.1 405");
        assertThat(request("POST", "/api/statements/1/verify", loopback(), "Bearer " + TOKEN, "http://" + loopback()))
                .as("no statements on a node without the coordinator's side").startsWith("HTTP/1.1 404");
    }

    @Test
    void refusesRequestsWithoutTheRightToken() throws Exception {
        assertThat(get("GET", "/status.json", loopback(), null)).startsWith("HTTP/1.1 401");
        assertThat(get("GET", "/status.json", loopback(), "Bearer " + "b".repeat(64))).startsWith("HTTP/1.1 401");
        assertThat(get("GET", "/?token=short", loopback(), null)).startsWith("HTTP/1.1 401");
        assertThat(get("GET", "/api/status?token=" + TOKEN, loopback(), null)).as("the API takes the header only").startsWith("HTTP/1.1 401");
        assertThat(get("GET", "/api/statements", loopback(), null)).startsWith("HTTP/1.1 401");
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
