package org.gleaner.devnet.pages;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.gleaner.coordinator.durable.DurableCoordinator;
import org.gleaner.coordinator.web.ApiToken;
import org.gleaner.coordinator.web.CoordinatorWebApp;
import org.gleaner.node.CrawlerNode;
import org.gleaner.node.cli.NodeDataDir;
import org.gleaner.node.operator.CoordinatorApiClient;
import org.gleaner.node.operator.OperatorView;
import org.gleaner.node.operator.StatementStore;
import org.gleaner.node.status.NodeStatus;
import org.gleaner.node.status.StatusServer;
import org.gleaner.protocol.crypto.Ed25519KeyPair;
import org.gleaner.protocol.crypto.KeyFileException;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.gleaner.protocol.io.AtomicFiles;

/**
 * The operators' side of a kept-running devnet: the coordinator's REST API over the devnet's own coordinator
 * (what {@code gleaner coordinator serve} starts), and each node's operator page on 127.0.0.1, as
 * {@code gleaner node run} serves it, asking that API for the node's credits and statements with node-signed
 * requests. Each page's token is in {@code status.token} in the node's directory, as for a real node.
 */
public final class OperatorPages implements AutoCloseable {
    static final String API_TOKEN_FILE = "api.token";

    /** One node's page: its name, node id, address and the file holding its token. */
    public record NodePage(String name, String nodeId, URI url, Path tokenFile) {
    }

    /** A node as the pages need it: its name, its directory (key, token, statements), the node and whether it still runs. */
    public record PageNode(String name, Path dir, CrawlerNode node, BooleanSupplier running) {
    }

    private final ConfigurableApplicationContext coordinatorApi;
    private final URI coordinatorApiUrl;
    private final Path apiTokenFile;
    private final List<StatusServer> servers;
    private final List<NodePage> pages;

    private OperatorPages(ConfigurableApplicationContext coordinatorApi, URI coordinatorApiUrl, Path apiTokenFile,
            List<StatusServer> servers, List<NodePage> pages) {
        this.coordinatorApi = coordinatorApi;
        this.coordinatorApiUrl = coordinatorApiUrl;
        this.apiTokenFile = apiTokenFile;
        this.servers = servers;
        this.pages = pages;
    }

    /** Starts the coordinator's REST API (token written under {@code coordinatorDir}) and one page per node. */
    public static OperatorPages start(DurableCoordinator durable, Path coordinatorDir, String origin, List<PageNode> nodes,
            Clock clock) throws IOException, KeyFileException {
        Path tokenFile = coordinatorDir.resolve(API_TOKEN_FILE);
        String secret = randomHex();
        AtomicFiles.writeOwnerOnly(tokenFile, secret + "\n");
        ApiToken token = new ApiToken(secret);
        ConfigurableApplicationContext web = CoordinatorWebApp.start(durable.coordinator(), durable.epochs(), token,
                new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), "127.0.0.1", 0);
        List<StatusServer> servers = new ArrayList<>();
        List<NodePage> pages = new ArrayList<>();
        try {
            int port = ((WebServerApplicationContext) web).getWebServer().getPort();
            URI apiUrl = URI.create("http://127.0.0.1:" + port);
            for (PageNode n : nodes) {
                NodeDataDir dir = new NodeDataDir(n.dir());
                Ed25519KeyPair key = Ed25519KeyPair.load(dir.keyFile());
                OperatorView view = new OperatorView(new CoordinatorApiClient(apiUrl.toString(), key, origin, clock),
                        new StatementStore(n.dir().resolve("statements")), origin, durable.coordinator().publicKey(),
                        n.node().nodeId(), clock);
                // Fetches the statement of the epoch the devnet just closed now, so the page has it when first opened.
                view.statements();
                StatusServer server = new StatusServer(0, dir.statusToken(),
                        () -> NodeStatus.of(n.node(), n.running().getAsBoolean(), view.credits()), view);
                servers.add(server);
                dir.writePort(server.port());
                pages.add(new NodePage(n.name(), n.node().nodeId(), URI.create("http://127.0.0.1:" + server.port() + "/"),
                        n.dir().resolve("status.token")));
            }
            return new OperatorPages(web, apiUrl, tokenFile, servers, pages);
        } catch (IOException | KeyFileException | RuntimeException e) {
            servers.forEach(StatusServer::close);
            web.close();
            throw e;
        }
    }

    private static String randomHex() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** The coordinator's REST API, {@code http://127.0.0.1:PORT}. */
    public URI coordinatorApiUrl() {
        return coordinatorApiUrl;
    }

    /** The file holding the coordinator API's admin bearer token. */
    public Path apiTokenFile() {
        return apiTokenFile;
    }

    /** The nodes' pages, in the fleet's order. */
    public List<NodePage> pages() {
        return pages;
    }

    @Override
    public void close() {
        servers.forEach(StatusServer::close);
        coordinatorApi.close();
    }
}
