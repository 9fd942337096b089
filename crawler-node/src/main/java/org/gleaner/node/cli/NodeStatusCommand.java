package org.gleaner.node.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import org.gleaner.node.HostLog;
import org.gleaner.node.operator.CreditsStatus;
import org.gleaner.node.operator.NodeCreditsView;
import org.gleaner.node.status.NodeStatus;
import org.gleaner.node.status.Units;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.json.JsonMapper;

/** {@code gleaner node status}: asks the node running from a data directory for its status page's data. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show what the node running from DIR has done: pages, bytes against your share, errors, credits and "
                + "penalties from the coordinator, recent hosts. --url prints the address of its page.")
public final class NodeStatusCommand implements Callable<Integer> {
    private static final int MAX_RESPONSE = 1024 * 1024;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--data-dir", required = true, paramLabel = "DIR", description = "The running node's data directory.")
    Path dataDir;

    @Option(names = "--hosts", defaultValue = "10", description = "How many recent hosts to list (default: ${DEFAULT-VALUE}).")
    int hosts;

    @Option(names = "--json", description = "Print the raw JSON.")
    boolean json;

    @Option(names = "--url", description = "Print the address of the node's page (with its token) and exit.")
    boolean url;

    private static void printCredits(PrintWriter out, CreditsStatus c) {
        if (c == null || c.credits() == null) {
            out.printf("  credits             %s%n", c == null ? "unknown" : c.state() + ": " + c.message());
            return;
        }
        NodeCreditsView v = c.credits();
        out.printf("  credits             %d pages, %s (coordinator, as of %s)%n", v.creditedPages(), Units.bytes(v.creditedBytes()),
                Instant.ofEpochMilli(c.fetchedAtMillis()));
        if (v.penalties().isEmpty()) {
            out.println("  penalties           none");
        } else {
            out.println("  penalties:");
            new java.util.TreeMap<>(v.penalties()).values().forEach(r ->
                    out.printf("    %s  %6d  %s%n", r.code(), r.count(), r.description()));
        }
        if (!v.fraudSignals().isEmpty()) {
            out.println("  fraud signals:");
            new java.util.TreeMap<>(v.fraudSignals()).values().forEach(r ->
                    out.printf("    %s  %6d  %s%n", r.code(), r.count(), r.description()));
        }
    }

    @Override
    public Integer call() throws Exception {
        NodeDataDir.Endpoint endpoint = NodeDataDir.endpoint(dataDir);
        if (url) {
            spec.commandLine().getOut().println("http://127.0.0.1:" + endpoint.port() + "/?token=" + endpoint.token());
            spec.commandLine().getOut().flush();
            return 0;
        }
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + endpoint.port() + "/status.json"))
                .timeout(Duration.ofSeconds(5)).header("Authorization", "Bearer " + endpoint.token()).GET().build();
        HttpResponse<byte[]> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new IOException("the node's status page on port " + endpoint.port() + " does not answer; is the node running?");
        }
        if (response.statusCode() != 200 || response.body().length > MAX_RESPONSE) {
            throw new IOException("the status page answered " + response.statusCode());
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(new String(response.body(), java.nio.charset.StandardCharsets.UTF_8));
            return 0;
        }
        NodeStatus s = JsonMapper.builder().build().readValue(response.body(), NodeStatus.class);
        out.printf("Gleaner node %s (%s)%n", s.nodeId(), s.running() ? "running" : "stopped");
        out.printf("  coordinator         %s%n", s.coordinator());
        out.printf("  share               %s%n", s.shareBytesPerSecond() == 0 ? "uncapped" : Units.rate(s.shareBytesPerSecond()));
        out.printf("  measured (10 s)     %s%n", Units.rate(s.measuredBytesPerSecond()));
        out.printf("  received / sent     %s / %s%n", Units.bytes(s.bytesReceived()), Units.bytes(s.bytesSent()));
        out.printf("  pages               %d (%s of bodies), %d leases%n", s.pages(), Units.bytes(s.bodyBytes()), s.leases());
        out.printf("  errors              %s%n", s.errors().isEmpty() ? "none" : s.errors());
        out.printf("  handed back         %d URLs (at stops, to other nodes)%n", s.handedBackUrls());
        printCredits(out, s.credits());
        out.printf("  egress allow rules  %s%n", s.egressAllowRules().isEmpty() ? "none (public internet only)" : s.egressAllowRules());
        out.println("  recent hosts fetched through this address:");
        for (HostLog.Entry e : s.recentHosts().subList(0, Math.min(Math.max(hosts, 0), s.recentHosts().size()))) {
            out.printf("    %s  %-40s %-18s %s%n", Instant.ofEpochMilli(e.atMillis()), e.host(), e.outcome(), Units.bytes(e.bytes()));
        }
        out.flush();
        return 0;
    }
}
