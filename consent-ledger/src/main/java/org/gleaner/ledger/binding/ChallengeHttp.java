package org.gleaner.ledger.binding;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Proxy;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.gleaner.protocol.net.EgressGuard;
import org.gleaner.protocol.net.EgressRefusedException;
import org.gleaner.protocol.net.GuardedResolver;
import org.gleaner.protocol.net.HostResolver;

/**
 * The ledger's only way out to hosts named by subjects (domains, social profiles): the ledger resolves the name
 * itself, the egress guard checks every address, and the client connects to exactly the checked addresses (a
 * custom {@code Dns}, so no second lookup and no DNS rebinding). No proxy (a proxy would resolve the name
 * itself), no redirects, no retries, deadlines on connect, read and the whole call, and a body cap.
 */
final class ChallengeHttp {
    /** The forms OkHttp treats as address literals and connects to without asking its {@code Dns}. */
    private static final Pattern ADDRESS_LITERAL = Pattern.compile("[0-9a-fA-F]*:[0-9a-fA-F:.]*|[\\d.]+");

    private final GuardedResolver resolver;
    private final OkHttpClient client;

    ChallengeHttp(HostResolver hosts, EgressGuard guard) {
        this.resolver = new GuardedResolver(hosts, guard);
        this.client = new OkHttpClient.Builder()
                .dns(resolver::lookup)
                .proxy(Proxy.NO_PROXY)
                .followRedirects(false)
                .followSslRedirects(false)
                .retryOnConnectionFailure(false)
                .connectTimeout(Duration.ofSeconds(5))
                .readTimeout(Duration.ofSeconds(5))
                .callTimeout(Duration.ofSeconds(10))
                .build();
    }

    /** A fetched body: the status and at most {@code maxBody + 1} bytes, so callers can tell an oversized one. */
    record Fetched(int status, byte[] body) {
    }

    Fetched get(URI uri, Map<String, String> headers, int maxBody) throws IOException {
        HttpUrl url = HttpUrl.get(uri);
        if (url == null) {
            throw new IOException("not an http or https URL");
        }
        refuseGuardedLiteral(url.host());
        Request.Builder request = new Request.Builder().url(url).get();
        headers.forEach(request::header);
        try (Response response = client.newCall(request.build()).execute()) {
            if (response.code() != 200) {
                return new Fetched(response.code(), new byte[0]);
            }
            try (InputStream body = response.body().byteStream()) {
                return new Fetched(200, body.readNBytes(maxBody + 1));
            }
        }
    }

    /** OkHttp connects to an address literal directly, so the guard must see it here. */
    private void refuseGuardedLiteral(String host) throws UnknownHostException {
        if (!ADDRESS_LITERAL.matcher(host).matches()) {
            return;
        }
        InetAddress literal = parseLiteral(host);
        var refusal = resolver.guard().refusal(literal);
        if (refusal.isPresent()) {
            throw new EgressRefusedException(host + " is a " + refusal.get());
        }
    }

    /** Only the plain dotted quad and IPv6 forms; shorthand such as {@code 127.1} or {@code 2130706433} is refused. */
    private static InetAddress parseLiteral(String host) throws UnknownHostException {
        if (host.contains(":")) {
            return InetAddress.getByName("[" + host + "]"); // bracketed: parsed as IPv6, never looked up
        }
        String[] octets = host.split("\\.", -1);
        if (octets.length != 4) {
            throw new EgressRefusedException("not a valid address literal: " + host);
        }
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            if (!octets[i].matches("\\d{1,3}") || Integer.parseInt(octets[i]) > 255) {
                throw new EgressRefusedException("not a valid address literal: " + host);
            }
            bytes[i] = (byte) Integer.parseInt(octets[i]);
        }
        return InetAddress.getByAddress(bytes);
    }
}
