package org.gleaner.systemtests.support;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A few questions to the local Docker engine over its Unix socket, without Testcontainers: Testcontainers'
 * own start-up checks need an image, and when that image is missing they try a registry for minutes.
 * These answers come in milliseconds. Only a local engine (DOCKER_HOST unset or unix://) is covered;
 * for anything else the callers fall back to Testcontainers.
 */
public final class DockerEngine {

    private DockerEngine() {
    }

    /** The engine's Unix socket, if Docker is (to be) reached through one. */
    public static Optional<Path> unixSocket() {
        String host = System.getenv("DOCKER_HOST");
        if (host == null || host.isBlank()) {
            return Optional.of(Path.of("/var/run/docker.sock"));
        }
        if (host.startsWith("unix://")) {
            return Optional.of(Path.of(host.substring("unix://".length())));
        }
        return Optional.empty();
    }

    /** Empty if the local engine answers /_ping; otherwise why not. Only meaningful with a Unix socket. */
    public static Optional<String> pingProblem() {
        Path socket = unixSocket().orElseThrow();
        if (!Files.exists(socket)) {
            return Optional.of("no Docker socket at " + socket + "; start dockerd");
        }
        try {
            int status = get(socket, "/_ping");
            return status == 200 ? Optional.empty() : Optional.of("Docker at " + socket + " answered /_ping with " + status);
        } catch (IOException e) {
            return Optional.of("Docker at " + socket + " does not answer (" + e.getMessage() + "); start dockerd");
        }
    }

    /** Whether {@code image} is present locally; empty if that cannot be asked over a Unix socket. */
    public static Optional<Boolean> imagePresent(String image) {
        Optional<Path> socket = unixSocket();
        if (socket.isEmpty()) {
            return Optional.empty();
        }
        try {
            int status = get(socket.get(), "/images/" + image + "/json");
            if (status == 200) {
                return Optional.of(true);
            }
            if (status == 404) {
                return Optional.of(false);
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The HTTP status of a GET on the engine's API. */
    static int get(Path socket, String path) throws IOException {
        CompletableFuture<Integer> status = CompletableFuture.supplyAsync(() -> {
            try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                channel.connect(UnixDomainSocketAddress.of(socket));
                String request = "GET " + path + " HTTP/1.0\r\nHost: docker\r\n\r\n";
                channel.write(ByteBuffer.wrap(request.getBytes(StandardCharsets.US_ASCII)));
                ByteBuffer buffer = ByteBuffer.allocate(256);
                while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
                    String head = new String(buffer.array(), 0, buffer.position(), StandardCharsets.US_ASCII);
                    int eol = head.indexOf("\r\n");
                    if (eol > 0) {
                        String[] statusLine = head.substring(0, eol).split(" ");
                        return Integer.parseInt(statusLine[1]);
                    }
                }
                throw new IOException("no HTTP status line from " + socket);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        try {
            return status.get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof java.io.UncheckedIOException u ? u.getCause() : e.getCause();
            throw cause instanceof IOException io ? io : new IOException(cause);
        } catch (TimeoutException e) {
            status.cancel(true);
            throw new IOException("no answer within 10 s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
            throw new IOException("malformed HTTP status line", e);
        }
    }
}
