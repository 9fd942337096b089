package org.gleaner.node.cli;

import static org.gleaner.node.SiteAnswers.respond;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.gleaner.node.LoopbackSite;
import picocli.CommandLine;

/**
 * What the {@code gleaner node} command tests share: the command run in-process with what it prints captured, and
 * a real site on 127.0.0.1 whose one page is held back until the test releases it.
 */
final class NodeCommandFixture {
    private NodeCommandFixture() {
    }

    record Run(int exit, String out, String err) {
    }

    /** {@code gleaner node ARGS} as an operator runs it. */
    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new NodeCommand());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    /**
     * Every path answers a small HTML page ({@code /robots.txt}: 404); the held path answers only once the test
     * releases it (or after a minute, so a failed test never hangs the node). Closing releases it.
     */
    static final class HeldPageSite implements AutoCloseable {
        private static final byte[] PAGE = "<p>hello</p>".getBytes(StandardCharsets.UTF_8);
        private final CountDownLatch requested = new CountDownLatch(1);
        private final CountDownLatch released = new CountDownLatch(1);
        private final String heldPath;
        private final LoopbackSite site;

        HeldPageSite(String heldPath) throws IOException {
            this.heldPath = heldPath;
            this.site = LoopbackSite.start(this::answer);
        }

        /** {@code 127.0.0.1:port}. */
        String host() {
            return site.host();
        }

        String url(String path) {
            return site.url(path);
        }

        /** Whether the node asked for the held page within {@code seconds}. */
        boolean awaitRequested(long seconds) throws InterruptedException {
            return requested.await(seconds, TimeUnit.SECONDS);
        }

        void release() {
            released.countDown();
        }

        @Override
        public void close() {
            release();
            site.close();
        }

        private void answer(HttpExchange exchange) throws IOException {
            try (exchange) {
                String path = exchange.getRequestURI().getPath();
                if (path.equals(heldPath)) {
                    requested.countDown();
                    try {
                        released.await(60, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                respond(exchange, path.equals("/robots.txt") ? 404 : 200, "text/html", PAGE);
            }
        }
    }
}
