package org.gleaner.devnet;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import org.gleaner.coordinator.Coordinator;
import org.gleaner.coordinator.CoordinatorConfig;
import org.gleaner.coordinator.api.LeaseHttpApi;
import org.gleaner.coordinator.credit.NodeCredits;
import org.gleaner.coordinator.durable.DurableCoordinator;
import org.gleaner.coordinator.frontier.CrawlJob;
import org.gleaner.devnet.ledger.BuilderConsent;
import org.gleaner.devnet.ledger.DevnetLedger;
import org.gleaner.devnet.ledger.DevnetMailServer;
import org.gleaner.devnet.ledger.Futures;
import org.gleaner.devnet.ledger.LedgerStartup;
import org.gleaner.devnet.pages.LabsPage;
import org.gleaner.devnet.pages.OperatorPages;
import org.gleaner.devnet.nodes.ContentTampering;
import org.gleaner.devnet.nodes.NodeFleet;
import org.gleaner.devnet.rewards.RewardStage;
import org.gleaner.devnet.site.DemoSite;
import org.gleaner.devnet.subjects.ScriptedSubjects;
import org.gleaner.devnet.subjects.SubjectPlan;
import org.gleaner.kafka.embedded.EmbeddedKafkaBroker;
import org.gleaner.ledger.cli.LedgerCommand;
import org.gleaner.node.CrawlerNode;
import org.gleaner.protocol.Topics;
import org.gleaner.protocol.codec.Bytes;
import org.gleaner.protocol.crypto.Ed25519KeyPair;
import picocli.CommandLine;

/**
 * The whole network in one process, telling the whole story: an in-JVM KRaft broker, demo journals on three
 * hosts, a local mail server, the consent ledger, scripted data subjects who bind their e-mail addresses and
 * license {@code train-ai} (or not), the coordinator with spot checks, crawler nodes (one of them submitting
 * altered pages), a reward epoch whose statements are verified and whose root is found in the ledger, a
 * dataset version built as of a ledger checkpoint, a revocation after it, and a ledger consistency check.
 */
public final class Devnet {
    static final String ORIGIN = "gleaner.devnet";
    static final String JOB_ID = "demo";
    /**
     * Every first-credited page is fetched again by another node (while a host is free to check), so the demo
     * catches the cheat and each honest node has checks that pass.
     */
    static final double SPOT_CHECK_SHARE = 1.0;
    private static final Duration CHECKPOINT_WAIT = Duration.ofSeconds(20);

    private final DevnetOptions options;
    private final PrintStream out;
    private final StoryLog progress;
    private final Clock clock = Clock.systemUTC();
    private final Topics topics = Topics.DEFAULT;

    public Devnet(DevnetOptions options, PrintStream out) {
        this(options, out, System.err, System.console() != null);
    }

    /** {@code progress} gets the story as it happens; {@code terminal} rewrites the crawl line in place. */
    public Devnet(DevnetOptions options, PrintStream out, PrintStream progress, boolean terminal) {
        this.options = options;
        this.out = out;
        this.progress = new StoryLog(progress, terminal);
    }

    public DevnetSummary run() throws Exception {
        long started = System.nanoTime();
        Path runDir = Files.createDirectories(options.dataDir()).resolve("run-" + System.currentTimeMillis());
        Files.createDirectories(runDir);
        progress("state in " + runDir);
        Ed25519KeyPair coordinatorKey = Ed25519KeyPair.loadOrCreate(runDir.resolve("coordinator/coordinator.key"));
        String coordinatorKeyHex = coordinatorKey.publicKey().fingerprint();
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().dataDir(runDir.resolve("kafka")).build()) {
            broker.start();
            createTopics(broker);
            String bootstrap = broker.bootstrapServers();
            progress("kafka broker on " + bootstrap);
            try (DemoSite site = DemoSite.start();
                    DemoSite altered = options.withMisbehavingNode()
                            ? DemoSite.altered(InetAddress.getByName(NodeFleet.ALTERED_SITE_ADDRESS), site.port(), new ContentTampering())
                            : null;
                    DevnetMailServer mail = new DevnetMailServer()) {
                progress("demo site on 127.0.0.1:" + site.port() + ": " + String.join(", ", site.hosts()) + " ("
                        + site.pageCount() + " pages)");
                progress("mail server (GreenMail, devnet only) on 127.0.0.1:" + mail.smtpPort());
                // The ledger starts on its own thread: the crawl does not need it, and Spring Boot takes a while.
                // Kept running, the network serves the labs' page, and the subjects' page shows appearances through it.
                try (LabsPage labs = options.keepRunning() ? LabsPage.start(runDir.resolve("datasets"), runDir.resolve("labs")) : null;
                        LedgerStartup ledger = LedgerStartup.begin(() -> new DevnetLedger(runDir.resolve("ledger"), ORIGIN,
                                bootstrap, coordinatorKeyHex, mail.smtpPort(), "http://127.0.0.1:" + site.port(),
                                labs == null ? null : labs.apiUrl().toString(), labs == null ? null : labs.keyFile()))) {
                    return story(runDir, site, mail, ledger, labs, broker, coordinatorKey, started);
                }
            }
        }
    }

    /** The subjects' part, run as soon as the ledger is up: their keys, bindings and grants, then the auditor's first check. */
    private record Consent(ScriptedSubjects subjects, List<ScriptedSubjects.Subject> cast, LedgerAudit firstAudit) {
    }

    private Consent consent(DevnetLedger ledger, Path runDir, DevnetMailServer mail, DemoSite site, Path auditState) {
        try {
            progress("consent ledger on " + ledger.url() + " (key " + ledger.checkpointKey().encode() + ")");
            ScriptedSubjects subjects = new ScriptedSubjects(ledger.url(), runDir.resolve("subjects"), mail, site, progress);
            List<ScriptedSubjects.Subject> cast = subjects.enact(SubjectPlan.demo());
            ledger.awaitCheckpoint(ledger.size(), CHECKPOINT_WAIT);
            LedgerAudit firstAudit = audit(ledger, auditState);
            progress("ledger checkpoint saved by the auditor: size " + firstAudit.size());
            return new Consent(subjects, cast, firstAudit);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the subjects were at work", e);
        }
    }

    private DevnetSummary story(Path runDir, DemoSite site, DevnetMailServer mail, LedgerStartup ledgerStartup, LabsPage labs,
            EmbeddedKafkaBroker broker, Ed25519KeyPair coordinatorKey, long started) throws Exception {
        String bootstrap = broker.bootstrapServers();
        Path auditState = runDir.resolve("auditor/ledger-checkpoint.note");
        CompletableFuture<Consent> consentWork = ledgerStartup.future()
                .thenApplyAsync(ledger -> consent(ledger, runDir, mail, site, auditState));

        CoordinatorConfig config = CoordinatorConfig.defaults(ORIGIN)
                .withSpotCheckShare(options.withMisbehavingNode() ? SPOT_CHECK_SHARE : 0)
                // a check nobody can take is recorded as unjudged after this, so the story never waits long for one
                .withSpotCheckBound(Duration.ofSeconds(20));
        try (DurableCoordinator durable = DurableCoordinator.open(config, coordinatorKey, clock, bootstrap, topics);
                LeaseHttpApi api = new LeaseHttpApi(durable.coordinator(),
                        new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)).start()) {
            Coordinator coordinator = durable.coordinator();
            List<String> seeds = site.hosts().stream().map(site::baseUrl).toList();
            Set<String> scope = Set.copyOf(site.hosts().stream().map(site::hostKey).toList());
            coordinator.submit(new CrawlJob(JOB_ID, seeds, scope, 1000, 20, "train-ai"));
            progress("coordinator leases on " + api.baseUrl() + " (spot-check share " + config.spotCheckShare() + ")");
            Thread ingestThread = start("coordinator-ingest", durable.ingest());
            List<NodeFleet.Member> nodes = NodeFleet.start(runDir, options.nodes(), options.withMisbehavingNode(), ORIGIN,
                    api.baseUrl(), coordinator.publicKey(), bootstrap, topics, clock, progress);
            List<Thread> nodeThreads = new ArrayList<>();
            for (NodeFleet.Member m : nodes) {
                nodeThreads.add(start(m.name(), m.node()));
            }
            awaitCrawl(coordinator, nodes);
            DevnetLedger ledger = ledgerStartup.await();
            Consent subjectsDone = Futures.await(consentWork);
            ScriptedSubjects subjects = subjectsDone.subjects();
            List<ScriptedSubjects.Subject> cast = subjectsDone.cast();
            LedgerAudit firstAudit = subjectsDone.firstAudit();
            RewardStage.Result rewards = new RewardStage(ORIGIN, progress).closeEpoch(durable, nodes, runDir, ledger);
            for (Thread t : nodeThreads) {
                t.join(Duration.ofSeconds(15).toMillis());
            }

            SpotCheckVerdicts checks = SpotCheckVerdicts.read(bootstrap, topics);
            try (BuilderConsent consent = new BuilderConsent(ledger, ORIGIN, ledger.identityVerifierKey(),
                    Bytes.of(coordinatorKey.publicKey().bytes()), bootstrap, topics.ledger())) {
                BuilderConsent.AsOf firstAsOf = consent.asOf(ledger.awaitCheckpoint(ledger.size(), CHECKPOINT_WAIT), clock.millis());
                DatasetStage datasets = new DatasetStage(runDir, topics, progress);
                DatasetStage.Result v1 = datasets.build("1", bootstrap, firstAsOf, checks.distrusted());
                PiiTotals pii = PiiTotals.read(v1.files());

                ScriptedSubjects.Subject revoker = cast.stream().filter(s -> s.plan().revokesLater()).findFirst()
                        .orElseThrow(() -> new IllegalStateException("the demo cast has no one who revokes"));
                long revocationIndex = subjects.revoke(revoker);
                BuilderConsent.AsOf laterAsOf = consent.asOf(ledger.awaitCheckpoint(revocationIndex + 1, CHECKPOINT_WAIT),
                        clock.millis());
                RevocationStage.Result revocation = new RevocationStage(progress).afterRevocation(consent, firstAsOf, laterAsOf,
                        datasets.datasetDir(), datasets.signer());

                LedgerAudit finalAudit = audit(ledger, auditState);
                progress("ledger consistency: checkpoint " + finalAudit.size() + " is consistent with the saved checkpoint "
                        + firstAudit.size() + " (./gleaner ledger verify --ledger " + ledger.url() + " --ledger-key "
                        + ledger.checkpointKey().encode() + " --state " + auditState + ")");

                DevnetSummary summary = summarize(site, coordinator, nodes, checks, cast, rewards, v1, pii, revocation, firstAudit, finalAudit,
                        Duration.ofNanos(System.nanoTime() - started));
                if (options.keepRunning()) {
                    try (OperatorPages operators = OperatorPages.start(durable, runDir.resolve("coordinator"), ORIGIN,
                            pageNodes(runDir, nodes, nodeThreads), clock)) {
                        out.print(SummaryPrinter.format(summary));
                        out.println("Pages:");
                        out.println("  labs' page     " + labs.pageUrl() + " (lab key in " + labs.keyFile() + ")");
                        out.println("  dataset API    " + labs.apiUrl() + "/v1/datasets (bearer: the lab key)");
                        out.println("  subjects' page " + ledger.url() + "/subjects/");
                        for (OperatorPages.NodePage page : operators.pages()) {
                            out.println("  " + String.format("%-14s", page.name()) + " " + page.url() + " (operator's page; token in "
                                    + page.tokenFile() + ")");
                        }
                        out.println("  coordinator    " + operators.coordinatorApiUrl() + "/v1/jobs (REST API; submitting a job takes the bearer in "
                                + operators.apiTokenFile() + "; /v1/nodes/{id} is node-signed)");
                        out.flush();
                        progress("running; kafka " + bootstrap + ", ledger " + ledger.url() + ", coordinator " + api.baseUrl()
                                + ", dataset API " + labs.apiUrl() + " (Ctrl-C to stop)");
                        Thread.currentThread().join();
                    }
                }
                durable.ingest().close();
                ingestThread.join(10_000);
                return summary;
            }
        }
    }

    /** Result of one {@code gleaner ledger verify --entries} run. */
    record LedgerAudit(boolean ok, long size, String report) {
    }

    /** Runs {@code gleaner ledger verify} against the running ledger, as an auditor would, keeping its state file. */
    private LedgerAudit audit(DevnetLedger ledger, Path state) throws IOException {
        Files.createDirectories(state.getParent());
        StringWriter outText = new StringWriter();
        StringWriter errText = new StringWriter();
        int exit = new CommandLine(new LedgerCommand()).setOut(new PrintWriter(outText)).setErr(new PrintWriter(errText))
                .execute("verify", "--ledger", ledger.url(), "--ledger-key", ledger.checkpointKey().encode(), "--state",
                        state.toString(), "--entries");
        if (exit != 0) {
            throw new IllegalStateException("gleaner ledger verify failed: " + errText.toString().strip());
        }
        byte[] saved = Files.readAllBytes(state);
        return new LedgerAudit(true, ledger.sizeOf(saved), outText.toString().strip());
    }

    private static List<OperatorPages.PageNode> pageNodes(Path runDir, List<NodeFleet.Member> nodes, List<Thread> threads) {
        List<OperatorPages.PageNode> out = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            NodeFleet.Member m = nodes.get(i);
            Thread thread = threads.get(i);
            out.add(new OperatorPages.PageNode(m.name(), runDir.resolve("nodes").resolve(m.name()), m.node(), thread::isAlive));
        }
        return out;
    }

    private void createTopics(EmbeddedKafkaBroker broker) {
        Map<String, String> pagesConfig = Map.of("max.message.bytes", Integer.toString(18 * 1024 * 1024),
                "compression.type", "producer");
        broker.createTopic(topics.pages(), 3, pagesConfig);
        broker.createTopic(topics.links(), 3, Map.of());
        broker.createTopic(topics.ledger(), 1, Map.of("cleanup.policy", "delete", "retention.ms", "-1"));
        broker.createTopic(topics.ledgerSubmissions(), 1, Map.of());
        broker.createTopic(topics.credits(), 3, Map.of());
        broker.createTopic(topics.revocations(), 1, Map.of());
    }

    private void awaitCrawl(Coordinator coordinator, List<NodeFleet.Member> nodes) throws InterruptedException {
        long deadline = System.nanoTime() + options.timeout().toNanos();
        CrawlProgress display = new CrawlProgress(progress);
        while (!coordinator.finished()) {
            if (System.nanoTime() > deadline) {
                nodes.forEach(m -> m.node().stop());
                throw new IllegalStateException("crawl did not finish within " + options.timeout().toSeconds() + " s");
            }
            display.tick(coordinator, nodes);
            Thread.sleep(100);
        }
        display.finish(coordinator, nodes);
    }

    private DevnetSummary summarize(DemoSite site, Coordinator coordinator, List<NodeFleet.Member> nodes, SpotCheckVerdicts checks,
            List<ScriptedSubjects.Subject> cast, RewardStage.Result rewards, DatasetStage.Result v1, PiiTotals pii,
            RevocationStage.Result revocation, LedgerAudit firstAudit, LedgerAudit finalAudit, Duration wall) {
        Map<String, NodeCredits> credits = new TreeMap<>();
        coordinator.credits().forEach(c -> credits.put(c.nodeId(), c));
        Map<String, RewardStage.NodeStatement> statements = new TreeMap<>();
        rewards.statements().forEach(s -> statements.put(s.node(), s));
        List<DevnetSummary.NodeLine> lines = new ArrayList<>();
        long pages = 0;
        long bytes = 0;
        for (NodeFleet.Member m : nodes) {
            CrawlerNode node = m.node();
            NodeCredits c = credits.get(node.nodeId());
            Map<String, Long> refusals = new TreeMap<>();
            if (c != null) {
                c.refusals().forEach((reason, n) -> refusals.put(reason.code() + " " + reason.name(), n));
            }
            RewardStage.NodeStatement statement = statements.get(m.name());
            lines.add(new DevnetSummary.NodeLine(m.name(), node.nodeId(), m.misbehaving(), node.stats().pages(),
                    node.stats().wireBytes(), c == null ? 0 : c.pages(), c == null ? 0 : c.bytes(),
                    checks.passed(node.nodeId()), checks.failed(node.nodeId()),
                    checks.agreements().getOrDefault(node.nodeId(), 0L), checks.disagreements().getOrDefault(node.nodeId(), 0L),
                    checks.distrusted().contains(node.nodeId()),
                    refusals,
                    node.stats().errors(), statement == null ? null : statement.file(),
                    statement == null ? 0 : statement.statement().cumulativeAmount()));
            pages += node.stats().pages();
            bytes += node.stats().bodyBytes();
        }
        long registered = cast.size();
        long granted = cast.stream().filter(s -> s.grantId().isPresent()).count();
        return new DevnetSummary(site.hosts().size(), site.pageCount(), pages, bytes, coordinator.creditedPages(), lines,
                new DevnetSummary.Subjects(registered, registered, granted, revocation.revokedGrantIds().size()),
                new DevnetSummary.Rewards(rewards.epoch(), rewards.statements().size(), rewards.ledgerEntry().index()),
                new DevnetSummary.Dataset(v1.version(), v1.rows(), v1.skippedByReason(), v1.excludedPages(), v1.versionDir(), v1.checkpoint(),
                        pii.get(org.gleaner.builder.pii.PiiKind.EMAIL_ADDRESS, "kept"),
                        pii.get(org.gleaner.builder.pii.PiiKind.EMAIL_ADDRESS, "redacted"),
                        pii.get(org.gleaner.builder.pii.PiiKind.PHONE_NUMBER, "kept"),
                        pii.get(org.gleaner.builder.pii.PiiKind.PHONE_NUMBER, "redacted")),
                new DevnetSummary.Revocation(revocation.revokedGrantIds(), revocation.fromCheckpoint(),
                        revocation.toCheckpoint(), revocation.deltaFile(),
                        revocation.compactions().stream().map(c -> c.compactedDir()).findFirst().orElse(null),
                        revocation.rowsRemoved(), revocation.rowsRedacted()),
                new DevnetSummary.LedgerCheck(firstAudit.size(), finalAudit.size(), finalAudit.ok()),
                wall);
    }

    private static Thread start(String name, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private void progress(String message) {
        progress.say(message);
    }
}
