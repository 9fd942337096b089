package org.gleaner.node.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.gleaner.node.SiteAnswers.respond;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import okhttp3.Protocol;
import org.gleaner.node.bandwidth.BandwidthShaper;
import org.gleaner.node.bandwidth.TokenBucket;
import org.gleaner.node.bandwidth.TrafficMeter;
import org.gleaner.protocol.net.Cidr;
import org.gleaner.protocol.net.EgressGuard;
import org.gleaner.protocol.net.HostResolver;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HTTPS against a real TLS server on 127.0.0.1 with a certificate made by the JDK's keytool for this test. */
class TlsFetchTest {
    private static final String PASSWORD = "test-only";
    @TempDir
    static Path dir;
    private static HttpsServer server;
    private static SSLContext clientContext;
    private static X509TrustManager trustManager;

    private final FetchPolicy policy = new FetchPolicy(4096, Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(10),
            5, Set.of("text/html"), "GleanerBot-test");

    @BeforeAll
    static void start() throws Exception {
        Path keystore = dir.resolve("server.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=tls.example",
                "-ext", "SAN=dns:tls.example", "-validity", "2", "-storetype", "PKCS12", "-keystore", keystore.toString(),
                "-storepass", PASSWORD, "-keypass", PASSWORD).redirectErrorStream(true).start();
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(keytool.exitValue()).as(new String(keytool.getInputStream().readAllBytes())).isZero();

        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            keys.load(in, PASSWORD.toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, PASSWORD.toCharArray());
        SSLContext serverContext = SSLContext.getInstance("TLS");
        serverContext.init(kmf.getKeyManagers(), null, null);

        KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
        trusted.load(null, null);
        Certificate cert = keys.getCertificate("server");
        trusted.setCertificateEntry("server", cert);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trusted);
        trustManager = (X509TrustManager) tmf.getTrustManagers()[0];
        clientContext = SSLContext.getInstance("TLS");
        clientContext.init(null, new javax.net.ssl.TrustManager[] {trustManager}, null);

        server = HttpsServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 8);
        server.setHttpsConfigurator(new HttpsConfigurator(serverContext));
        server.createContext("/", exchange -> {
            respond(exchange, 200, "text/html", "<p>over tls</p>");
            exchange.close();
        });
        server.start();
    }

    @AfterAll
    static void stop() {
        server.stop(0);
    }

    private PageFetcher fetcher(EgressGuard guard, boolean trustTestCertificate) {
        TrafficMeter meter = new TrafficMeter(TokenBucket.Ticker.SYSTEM);
        HostResolver resolver = host -> List.of(InetAddress.getByName("127.0.0.1"));
        HttpTransport transport = new HttpTransport(policy, guard, resolver, new BandwidthShaper(null, meter), meter,
                List.of(Protocol.HTTP_2, Protocol.HTTP_1_1),
                trustTestCertificate ? new HttpTransport.TestTrust(clientContext.getSocketFactory(), trustManager) : null);
        return new PageFetcher(policy, transport, Clock.systemUTC());
    }

    private String url() {
        return "https://tls.example:" + server.getAddress().getPort() + "/";
    }

    @Test
    void fetchesOverTlsThroughTheCheckedAddressAndCountsTheTlsBytes() throws Exception {
        FetchResult result = fetcher(new EgressGuard(List.of(Cidr.parse("127.0.0.1/32"))), true).fetch(url());
        assertThat(result.status()).isEqualTo(200);
        assertThat(new String(result.body(), StandardCharsets.UTF_8)).isEqualTo("<p>over tls</p>");
        // The handshake (certificates included) crossed the shaped socket too.
        assertThat(result.wireBytes()).isGreaterThan(500);
    }

    @Test
    void anUntrustedCertificateIsATlsError() {
        assertThatThrownBy(() -> fetcher(new EgressGuard(List.of(Cidr.parse("127.0.0.1/32"))), false).fetch(url()))
                .isInstanceOf(FetchException.class)
                .satisfies(e -> assertThat(((FetchException) e).kind()).isEqualTo("tls"));
    }

    @Test
    void theGuardAppliesToHttpsToo() {
        assertThatThrownBy(() -> fetcher(EgressGuard.strict(), true).fetch(url()))
                .isInstanceOf(FetchException.class)
                .satisfies(e -> assertThat(((FetchException) e).kind()).isEqualTo("egress"));
    }
}
