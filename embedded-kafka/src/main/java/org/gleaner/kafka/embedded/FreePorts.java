package org.gleaner.kafka.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Picks currently free TCP ports on 127.0.0.1 (the caller retries if one is taken before it binds). */
final class FreePorts {

    private FreePorts() {
    }

    /** A free port on 127.0.0.1 that differs from every port in {@code avoid}. */
    static int pick(int... avoid) {
        for (int i = 0; i < 20; i++) {
            int p = bindEphemeral();
            boolean clash = false;
            for (int a : avoid) {
                clash |= a == p;
            }
            if (!clash) {
                return p;
            }
        }
        throw new IllegalStateException("could not find a free port on 127.0.0.1");
    }

    private static int bindEphemeral() {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(InetAddress.getByName(EmbeddedKafkaBroker.HOST), 0));
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind 127.0.0.1", e);
        }
    }
}
