package org.gleaner.builder.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Waits on what a running {@code gleaner builder serve} writes to its error stream, failing if it exits first. */
final class ServeOutput {
    private ServeOutput() {
    }

    /** The first group of {@code pattern}'s first match, once the output holds one. */
    static String awaitMatch(ByteArrayOutputStream err, CompletableFuture<Integer> serving, Pattern pattern)
            throws InterruptedException {
        while (true) {
            Matcher m = pattern.matcher(err.toString(StandardCharsets.UTF_8));
            if (m.find()) {
                return m.group(1);
            }
            assertThat(serving).as(() -> err.toString(StandardCharsets.UTF_8)).isNotDone();
            Thread.sleep(50);
        }
    }

    static void awaitText(ByteArrayOutputStream err, CompletableFuture<Integer> serving, String text) throws InterruptedException {
        while (!err.toString(StandardCharsets.UTF_8).contains(text)) {
            assertThat(serving).as(() -> err.toString(StandardCharsets.UTF_8)).isNotDone();
            Thread.sleep(50);
        }
    }
}
