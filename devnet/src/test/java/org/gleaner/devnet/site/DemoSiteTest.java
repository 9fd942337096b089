package org.gleaner.devnet.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DemoSiteTest {

    private record Response(int status, String body) {
    }

    /** A raw HTTP/1.1 request, so the test names the virtual host as a node would. */
    private static Response get(DemoSite site, String host, String path) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", site.port())) {
            socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: " + host + ":" + site.port()
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return new Response(Integer.parseInt(response.substring(9, 12)), response.substring(response.indexOf("\r\n\r\n") + 4));
        }
    }

    @Test
    void servesEachJournalOnItsOwnHostAndRefusesUnknownHosts() throws Exception {
        try (DemoSite site = DemoSite.start()) {
            assertThat(site.hosts()).hasSize(3).allSatisfy(h -> assertThat(h).endsWith("." + DemoJournal.DOMAIN));
            assertThat(site.pageCount()).isEqualTo(DemoContent.pageCount()).isEqualTo(45);
            assertThat(site.hostKey(site.hosts().get(0))).isEqualTo(site.hosts().get(0) + ":" + site.port());
            for (DemoJournal journal : DemoJournal.ALL) {
                Response home = get(site, journal.host(), "/");
                assertThat(home.status()).isEqualTo(200);
                assertThat(home.body()).contains("<title>" + journal.title() + "</title>");
            }
            // 127.0.0.1 is not one of the journals' hosts.
            assertThat(get(site, "127.0.0.1", "/").status()).isEqualTo(404);
        }
    }

    @Test
    void eachJournalMentionsOnlyItsOwnWriters() {
        for (DemoJournal journal : DemoJournal.ALL) {
            String all = String.join("\n", DemoContent.pages(journal).values());
            for (DemoPerson p : DemoPerson.ALL) {
                assertThat(all.contains(p.email())).as(journal.host() + " / " + p.slug()).isEqualTo(journal.writers().contains(p));
            }
        }
    }

    @Test
    void publishesConsentTokensOnlyUnderTheWellKnownPath() throws Exception {
        try (DemoSite site = DemoSite.start()) {
            site.publishToken("/.well-known/gleaner-consent/abc", "abc.def");
            Response token = get(site, "127.0.0.1", "/.well-known/gleaner-consent/abc");
            assertThat(token.status()).isEqualTo(200);
            assertThat(token.body()).isEqualTo("abc.def");
            assertThat(get(site, "127.0.0.1", "/.well-known/gleaner-consent/other").status()).isEqualTo(404);
            assertThatThrownBy(() -> site.publishToken("/articles/1.html", "x")).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
