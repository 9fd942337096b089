package org.gleaner.node.fetch;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real TCP server on 127.0.0.1 that answers every connection with a scripted behaviour, for the hostile
 * cases an HTTP server library will not produce: trickled bytes, silence, endless bodies.
 */
final class RawServer implements AutoCloseable {
    interface Behaviour {
        void serve(InputStream in, OutputStream out) throws IOException, InterruptedException;
    }

    private final ServerSocket socket;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final AtomicInteger connections = new AtomicInteger();

    RawServer(Behaviour behaviour) throws IOException {
        socket = new ServerSocket(0, 16, InetAddress.getByName("127.0.0.1"));
        executor.submit(() -> {
            while (!socket.isClosed()) {
                Socket client;
                try {
                    client = socket.accept();
                } catch (IOException closed) {
                    return;
                }
                connections.incrementAndGet();
                executor.submit(() -> {
                    try (client) {
                        readRequestHead(client.getInputStream());
                        behaviour.serve(client.getInputStream(), client.getOutputStream());
                    } catch (IOException | InterruptedException clientLeft) {
                        // the fetcher gave up, as it should
                    }
                });
            }
        });
    }

    private static void readRequestHead(InputStream in) throws IOException {
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                return;
            }
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
    }

    static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    String url(String path) {
        return "http://127.0.0.1:" + socket.getLocalPort() + path;
    }

    int connections() {
        return connections.get();
    }

    @Override
    public void close() throws IOException {
        socket.close();
        executor.shutdownNow();
    }
}
