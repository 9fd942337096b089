package org.gleaner.ledger.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.gleaner.ledger.cli.ConsentCommand;
import org.gleaner.ledger.service.LedgerService;
import org.gleaner.protocol.codec.Bytes;
import org.gleaner.protocol.ledger.IdentifierKind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine;
import tools.jackson.databind.json.JsonMapper;

/**
 * A social profile bound with a token published on the profile page, which the ledger fetches from a real
 * HTTP server on 127.0.0.1 standing in for the network's site; the bound commitment is the one the dataset
 * builder gets for the handle it detects ({@code github:ada}).
 */
class SocialBindingIT {
    private static final String TOKEN = "lookup-token-for-tests";

    @TempDir
    Path dir;
    private HttpServer site;
    private final Map<String, String> profiles = new ConcurrentHashMap<>();
    private ConfigurableApplicationContext context;
    private String url;

    @BeforeEach
    void start() throws Exception {
        site = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        site.createContext("/", exchange -> {
            String page = profiles.get(exchange.getRequestURI().getPath());
            byte[] bytes = (page == null ? "not found" : page).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(page == null ? 404 : 200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        site.start();
        context = LedgerServiceApplication.start(
                "--server.address=127.0.0.1", "--server.port=0",
                "--gleaner.ledger.data-dir=" + dir.resolve("ledger"),
                "--gleaner.ledger.origin=social.test/ledger",
                "--gleaner.ledger.lookup-token-sha256=" + Bytes.sha256(TOKEN.getBytes(StandardCharsets.UTF_8)).hex(),
                "--gleaner.ledger.profile-challenge-base=http://127.0.0.1:" + site.getAddress().getPort(),
                "--gleaner.ledger.binding.allow-cidrs=127.0.0.1/32");
        url = "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
    }

    @AfterEach
    void stop() {
        if (context != null) {
            context.close();
        }
        site.stop(0);
    }

    private record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = new CommandLine(new ConsentCommand()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    private static String field(String output, String label) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(label) + "\\s+(\\S+)").matcher(output);
        assertThat(m.find()).as("'%s' in:%n%s", label, output).isTrue();
        return m.group(1);
    }

    @Test
    void aProfileIsBoundByATokenOnItsPage() throws Exception {
        String key = dir.resolve("ada.key").toString();
        assertThat(run("keygen", "--key", key, "--ledger", url).exit()).isZero();

        Run started = run("bind", "--key", key, "--ledger", url, "--social", "https://GitHub.com/Ada");
        assertThat(started.exit()).as(started.err()).isZero();
        assertThat(field(started.out(), "profile")).isEqualTo("https://github.com/ada");
        String published = field(started.out(), "publish");
        assertThat(published).startsWith("gleaner-consent=");
        String challenge = field(started.out(), "challenge");

        // Not on the page yet, then a page that shows something else: both refused, nothing bound.
        Run early = run("bind", "--key", key, "--ledger", url, "--complete", challenge, "--kind", "social");
        assertThat(early.exit()).isNotZero();
        assertThat(early.err()).contains("binding-proof-not-found");
        profiles.put("/ada", "<html><p class=bio>Mathematician. gleaner-consent=someone-elses-token</p></html>");
        assertThat(run("bind", "--key", key, "--ledger", url, "--complete", challenge, "--kind", "social").exit()).isNotZero();
        LedgerService ledger = context.getBean(LedgerService.class);
        assertThat(ledger.log().size()).isEqualTo(1);

        profiles.put("/ada", "<html><p class=bio>Mathematician. " + published + "</p></html>");
        Run bound = run("bind", "--key", key, "--ledger", url, "--complete", challenge, "--kind", "social");
        assertThat(bound.exit()).as(bound.err()).isZero();

        Run status = run("status", "--key", key, "--ledger", url);
        assertThat(status.out()).contains("bound        social ").contains("(profile-token)");
        String commitment = field(status.out().replace("bound        social", "social-commitment"), "social-commitment");

        // The builder detects "github:ada" in a page and asks the authenticated lookup: same commitment.
        HttpResponse<String> lookup = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url + "/v1/commitments"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + TOKEN)
                .POST(HttpRequest.BodyPublishers.ofString("{\"kind\":\"social\",\"identifier\":\"github:ada\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(lookup.statusCode()).isEqualTo(200);
        assertThat(JsonMapper.builder().build().readTree(lookup.body()).path("commitment").asString()).isEqualTo(commitment);
        assertThat(ledger.commitmentOf(ledger.normalize(IdentifierKind.SOCIAL, "@ada@elsewhere.example")).hex()).isNotEqualTo(commitment);
    }

    @Test
    void aHandleOfUnknownNetworkCannotBeBound() throws Exception {
        String key = dir.resolve("bob.key").toString();
        assertThat(run("keygen", "--key", key, "--ledger", url).exit()).isZero();
        Run started = run("bind", "--key", key, "--ledger", url, "--social", "at:bob");
        assertThat(started.exit()).isNotZero();
        assertThat(started.err()).contains("binding-unsupported");
        Run badUrl = run("bind", "--key", key, "--ledger", url, "--social", "https://example.org/bob");
        assertThat(badUrl.exit()).isNotZero();
        assertThat(badUrl.err()).contains("invalid-identifier");
    }
}
