package org.gleaner.ledger.binding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.gleaner.ledger.service.LedgerConfig;
import org.gleaner.ledger.service.LedgerService;
import org.gleaner.protocol.codec.Bytes;
import org.gleaner.protocol.ledger.IdentifierKind;
import org.gleaner.protocol.net.Cidr;
import org.gleaner.protocol.net.EgressGuard;
import org.gleaner.protocol.net.EgressRefusedException;
import org.gleaner.protocol.net.HostResolver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ledger's challenge fetches must not be a way into its own network: names are resolved by a test resolver
 * (as a hostile DNS would answer), and a real HTTP server on 127.0.0.1 records whether anything reached it.
 */
class GuardedChallengeFetchTest {
    private static final EgressGuard LOOPBACK_ALLOWED = new EgressGuard(List.of(Cidr.parse("127.0.0.1/32")));

    @TempDir
    Path dir;

    private HttpServer site;
    private int port;
    private final List<String> requests = new CopyOnWriteArrayList<>();

    /** A hostile DNS: every name below answers what an attacker would make it answer. */
    private final HostResolver hostileDns = host -> switch (host) {
        case "consent.test" -> List.of(address(127, 0, 0, 1));
        case "metadata.test" -> List.of(address(169, 254, 169, 254));
        case "private.test" -> List.of(address(10, 1, 2, 3));
        case "mixed.test" -> List.of(address(93, 184, 216, 34), address(127, 0, 0, 1));
        case "mapped.test" -> List.of(Inet6Address.getByAddress(host,
                new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xFF, (byte) 0xFF, 127, 0, 0, 1}, -1));
        default -> throw new UnknownHostException(host);
    };

    @BeforeEach
    void startSite() throws Exception {
        site = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        site.createContext("/", exchange -> {
            requests.add(exchange.getRequestHeaders().getFirst("Host") + exchange.getRequestURI().getPath());
            String path = exchange.getRequestURI().getPath();
            byte[] body = path.endsWith("/big") ? new byte[4096]
                    : ("served " + path.substring(path.lastIndexOf('/') + 1)).getBytes(StandardCharsets.UTF_8);
            if (path.endsWith("/moved")) {
                exchange.getResponseHeaders().add("Location", "http://127.0.0.1:" + port + DomainChallengeFetcher.WELL_KNOWN + "tok");
                exchange.sendResponseHeaders(302, -1);
            } else {
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            }
            exchange.close();
        });
        site.start();
        port = site.getAddress().getPort();
    }

    @AfterEach
    void stopSite() {
        site.stop(0);
    }

    private DomainChallengeFetcher domains(EgressGuard guard) {
        return new DomainChallengeFetcher(domain -> URI.create("http://" + domain + ":" + port), hostileDns, guard);
    }

    @Test
    void aDomainResolvingToLoopbackIsRefusedWithItsReasonAndNothingIsSent() {
        assertThatThrownBy(() -> domains(EgressGuard.strict()).fetch("consent.test", "tok"))
                .isInstanceOf(EgressRefusedException.class)
                .hasMessage("consent.test resolves to a loopback address");
        assertThat(requests).isEmpty();
    }

    @Test
    void aDomainResolvingToLoopbackIsFetchedWhenAnAllowRuleCoversIt() throws Exception {
        assertThat(domains(LOOPBACK_ALLOWED).fetch("consent.test", "tok")).isEqualTo("served tok");
        assertThat(requests).containsExactly("consent.test:" + port + DomainChallengeFetcher.WELL_KNOWN + "tok");
    }

    @Test
    void cloudMetadataPrivateAndMappedLoopbackAddressesAreRefusedEvenWithLoopbackAllowed() {
        assertThatThrownBy(() -> domains(LOOPBACK_ALLOWED).fetch("metadata.test", "tok"))
                .isInstanceOf(EgressRefusedException.class).hasMessage("metadata.test resolves to a link-local address");
        assertThatThrownBy(() -> domains(LOOPBACK_ALLOWED).fetch("private.test", "tok"))
                .isInstanceOf(EgressRefusedException.class).hasMessage("private.test resolves to a private address");
        assertThatThrownBy(() -> domains(LOOPBACK_ALLOWED).fetch("mapped.test", "tok"))
                .isInstanceOf(EgressRefusedException.class).hasMessage("mapped.test resolves to a loopback address");
        assertThat(requests).isEmpty();
    }

    @Test
    void oneInternalAnswerAmongPublicOnesRefusesTheWholeName() {
        assertThatThrownBy(() -> domains(EgressGuard.strict()).fetch("mixed.test", "tok"))
                .isInstanceOf(EgressRefusedException.class).hasMessage("mixed.test resolves to a loopback address");
    }

    @Test
    void addressLiteralsAreCheckedTooSinceTheyNeedNoLookup() {
        assertThatThrownBy(() -> domains(EgressGuard.strict()).fetch("127.0.0.1", "tok"))
                .isInstanceOf(EgressRefusedException.class).hasMessage("127.0.0.1 is a loopback address");
        assertThatThrownBy(() -> domains(EgressGuard.strict()).fetch("[::ffff:127.0.0.1]", "tok"))
                .isInstanceOf(EgressRefusedException.class).hasMessageContaining("loopback address");
        assertThatThrownBy(() -> domains(EgressGuard.strict()).fetch("[::1]", "tok"))
                .isInstanceOf(EgressRefusedException.class).hasMessage("::1 is a loopback address");
        assertThat(requests).isEmpty();
    }

    @Test
    void redirectsAreNotFollowedAndOversizedFilesAreNotAccepted() throws Exception {
        assertThat(domains(LOOPBACK_ALLOWED).fetch("consent.test", "moved")).isNull();
        assertThat(domains(LOOPBACK_ALLOWED).fetch("consent.test", "big")).isNull();
        assertThat(requests).hasSize(2);
    }

    @Test
    void profilePagesGoThroughTheSameGuard() throws Exception {
        URI profile = URI.create("https://social.example/@alice");
        ProfileChallengeFetcher strict = new ProfileChallengeFetcher(
                p -> URI.create("http://consent.test:" + port + p.getRawPath()), hostileDns, EgressGuard.strict());
        assertThatThrownBy(() -> strict.shows(profile, "alice"))
                .isInstanceOf(EgressRefusedException.class).hasMessage("consent.test resolves to a loopback address");
        ProfileChallengeFetcher allowed = new ProfileChallengeFetcher(
                p -> URI.create("http://consent.test:" + port + p.getRawPath()), hostileDns, LOOPBACK_ALLOWED);
        assertThat(allowed.shows(profile, "served @alice")).isTrue();
        ProfileChallengeFetcher metadata = new ProfileChallengeFetcher(
                p -> URI.create("http://metadata.test:" + port + p.getRawPath()), hostileDns, LOOPBACK_ALLOWED);
        assertThatThrownBy(() -> metadata.shows(profile, "alice")).isInstanceOf(EgressRefusedException.class);
        assertThat(requests).hasSize(1);
    }

    @Test
    void theSubjectIsToldWhyTheirDomainWasNotFetched() throws Exception {
        try (LedgerService ledger = LedgerService.open(LedgerConfig.defaults(dir, "guard.test/ledger"), Clock.systemUTC())) {
            IdentityBinder binder = new IdentityBinder(ledger, domains(EgressGuard.strict()), new MailSender("127.0.0.1", 9, "x@y.invalid"));
            String id = binder.startDomain(Bytes.fromHex("11".repeat(32)),
                    ledger.normalize(IdentifierKind.DOMAIN, "consent.test")).challengeId();
            assertThatThrownBy(() -> binder.completeDomain(id))
                    .isInstanceOfSatisfying(BindingException.class, e -> {
                        assertThat(e.reason()).isEqualTo(BindingException.Reason.PROOF_NOT_FOUND);
                        assertThat(e.getMessage()).isEqualTo("the domain was not fetched: the ledger refuses non-public"
                                + " addresses (consent.test resolves to a loopback address)");
                    });
        }
        assertThat(requests).isEmpty();
    }

    private static InetAddress address(int a, int b, int c, int d) throws UnknownHostException {
        return InetAddress.getByAddress(new byte[] {(byte) a, (byte) b, (byte) c, (byte) d});
    }
}
