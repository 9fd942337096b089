package org.gleaner.systemtests.multiprocess;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;

/** The configuration files of one test network, written like the examples in docs/deploy/. */
final class ServiceConfigs {
    private final Path dir;
    private final String kafka;
    private final String origin;
    private final String apiToken;
    private final String ledgerLookupToken;
    private int ledgerPort;

    ServiceConfigs(Path dir, String kafka, String origin) {
        this.dir = dir;
        this.kafka = kafka;
        this.origin = origin;
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        this.apiToken = HexFormat.of().formatHex(random);
        new SecureRandom().nextBytes(random);
        this.ledgerLookupToken = HexFormat.of().formatHex(random);
    }

    Path coordinatorKey() {
        return dir.resolve("coordinator/coordinator.key");
    }

    String apiToken() {
        return apiToken;
    }

    int ledgerPort() {
        return ledgerPort;
    }

    Path ledger(String coordinatorKey) throws IOException {
        ledgerPort = freePort();
        return write("ledger.properties", """
                # gleaner ledger serve --config ledger.properties
                data-dir = %s
                port = %d
                origin = %s
                kafka = %s
                coordinator-key = %s
                lookup-token-sha256 = %s
                """.formatted(dir.resolve("ledger"), ledgerPort, origin, kafka, coordinatorKey, sha256Hex(ledgerLookupToken)));
    }

    Path coordinator() throws IOException {
        Path tokenFile = dir.resolve("coordinator/api-token");
        Files.createDirectories(tokenFile.getParent());
        Files.writeString(tokenFile, apiToken + "\n");
        Files.setPosixFilePermissions(tokenFile, PosixFilePermissions.fromString("rw-------"));
        return write("coordinator.properties", """
                # gleaner coordinator serve --config coordinator.properties
                bootstrap-servers = %s
                key = %s
                origin = %s
                instance = systest
                listen = 127.0.0.1:0
                api-listen = 127.0.0.1:0
                api-token-file = %s
                epoch-minutes = 1
                """.formatted(kafka, coordinatorKey(), origin, tokenFile));
    }

    Path node(int n, String coordinatorUrl, String coordinatorKey) throws IOException {
        return write("node-" + n + ".properties", """
                # gleaner node run --config node-%d.properties
                coordinator = %s
                coordinator-key = %s
                kafka = %s
                origin = %s
                share = 8MB/s
                data-dir = %s
                allow-egress = 127.0.0.1/32
                progress-seconds = 2
                """.formatted(n, coordinatorUrl, coordinatorKey, kafka, origin, dir.resolve("node-" + n)));
    }

    Path datasetRoot() {
        return dir.resolve("datasets");
    }

    /** The builder follows the ledger (consent as of its latest checkpoint) and builds once {@code minPages} wait. */
    Path builder(String dataset, String ledgerUrl, String ledgerKey, String coordinatorKey, int minPages) throws IOException {
        Path tokenFile = dir.resolve("builder/ledger-token");
        Files.createDirectories(tokenFile.getParent());
        Files.writeString(tokenFile, ledgerLookupToken + "\n");
        Files.setPosixFilePermissions(tokenFile, PosixFilePermissions.fromString("rw-------"));
        return write("builder.properties", """
                # gleaner builder serve --config builder.properties
                root = %s
                dataset = %s
                kafka = %s
                key = %s
                network-origin = %s
                ledger = %s
                ledger-key = %s
                ledger-token-file = %s
                coordinator-key = %s
                parts = 2
                build-min-pages = %d
                idle-timeout = 5
                poll-ms = 500
                """.formatted(datasetRoot(), dataset, kafka, dir.resolve("builder/builder.key"), origin, ledgerUrl, ledgerKey,
                tokenFile, coordinatorKey, minPages));
    }

    private static String sha256Hex(String text) {
        try {
            return HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return socket.getLocalPort();
        }
    }
}
