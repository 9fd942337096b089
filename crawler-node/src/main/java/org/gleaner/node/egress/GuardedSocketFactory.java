package org.gleaner.node.egress;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketException;
import java.util.Optional;
import javax.net.SocketFactory;
import org.gleaner.protocol.net.EgressGuard;
import org.gleaner.protocol.net.EgressRefusedException;

/**
 * Every socket the fetcher opens: the guard checks the address at the moment of {@code connect} (the last
 * line of defence, also covering IP-literal URLs that skip DNS), and the streams pass through the
 * operator's bandwidth share, so headers, bodies and TLS overhead are all counted and capped.
 */
public final class GuardedSocketFactory extends SocketFactory {
    private final EgressGuard guard;
    private final StreamShaper shaper;

    public GuardedSocketFactory(EgressGuard guard, StreamShaper shaper) {
        this.guard = guard;
        this.shaper = shaper;
    }

    /** Wraps a connection's streams, for example to count and throttle bytes. */
    public interface StreamShaper {
        InputStream in(InputStream in);

        OutputStream out(OutputStream out);

        StreamShaper NONE = new StreamShaper() {
            @Override
            public InputStream in(InputStream in) {
                return in;
            }

            @Override
            public OutputStream out(OutputStream out) {
                return out;
            }
        };
    }

    @Override
    public Socket createSocket() {
        return new GuardedSocket();
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        throw new SocketException("the fetcher never connects by name: resolve through GuardedDns first");
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        throw new SocketException("the fetcher never connects by name: resolve through GuardedDns first");
    }

    @Override
    public Socket createSocket(InetAddress address, int port) throws IOException {
        Socket socket = createSocket();
        socket.connect(new InetSocketAddress(address, port));
        return socket;
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
        Socket socket = createSocket();
        socket.bind(new InetSocketAddress(localAddress, localPort));
        socket.connect(new InetSocketAddress(address, port));
        return socket;
    }

    private final class GuardedSocket extends Socket {
        private InputStream in;
        private OutputStream out;

        @Override
        public void connect(SocketAddress endpoint, int timeout) throws IOException {
            if (!(endpoint instanceof InetSocketAddress inet) || inet.isUnresolved()) {
                throw new EgressRefusedException("refusing to connect to an unresolved address");
            }
            Optional<String> refusal = guard.refusal(inet.getAddress());
            if (refusal.isPresent()) {
                throw new EgressRefusedException("refusing to connect to a " + refusal.get());
            }
            super.connect(endpoint, timeout);
        }

        @Override
        public synchronized InputStream getInputStream() throws IOException {
            if (in == null) {
                in = shaper.in(super.getInputStream());
            }
            return in;
        }

        @Override
        public synchronized OutputStream getOutputStream() throws IOException {
            if (out == null) {
                out = shaper.out(super.getOutputStream());
            }
            return out;
        }
    }
}
