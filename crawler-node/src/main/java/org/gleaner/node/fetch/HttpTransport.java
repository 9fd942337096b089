package org.gleaner.node.fetch;

import java.io.IOException;
import java.net.Proxy;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import org.gleaner.node.bandwidth.TrafficMeter;
import org.gleaner.protocol.net.EgressGuard;
import org.gleaner.node.egress.GuardedDns;
import org.gleaner.node.egress.GuardedSocketFactory;
import org.gleaner.protocol.net.HostResolver;

/**
 * The node's one HTTP client (OkHttp): names resolved by the node through the egress guard, every socket
 * checked again at connect and shaped to the operator's share, no proxies, cookies, cache or automatic
 * redirects and retries, HTTP/2 where the server offers it, one connection per host.
 */
public final class HttpTransport {
    private final OkHttpClient client;
    private final TrafficMeter meter;
    private final EgressGuard guard;

    public HttpTransport(FetchPolicy policy, EgressGuard guard, HostResolver resolver,
            GuardedSocketFactory.StreamShaper shaper, TrafficMeter meter) {
        this(policy, guard, resolver, shaper, meter, List.of(Protocol.HTTP_2, Protocol.HTTP_1_1), null);
    }

    /** Counts bytes but does not cap them: tests and tools. */
    public static HttpTransport unthrottled(FetchPolicy policy, EgressGuard guard, HostResolver resolver) {
        TrafficMeter meter = new TrafficMeter(org.gleaner.node.bandwidth.TokenBucket.Ticker.SYSTEM);
        return new HttpTransport(policy, guard, resolver, new org.gleaner.node.bandwidth.BandwidthShaper(null, meter), meter);
    }

    /** With an explicit protocol list: tests use HTTP/2 with prior knowledge to exercise HTTP/2 without TLS. */
    HttpTransport(FetchPolicy policy, EgressGuard guard, HostResolver resolver, GuardedSocketFactory.StreamShaper shaper,
            TrafficMeter meter, List<Protocol> protocols) {
        this(policy, guard, resolver, shaper, meter, protocols, null);
    }

    /** With a trust store of the test's own: tests run TLS servers with certificates made on the spot. */
    HttpTransport(FetchPolicy policy, EgressGuard guard, HostResolver resolver, GuardedSocketFactory.StreamShaper shaper,
            TrafficMeter meter, List<Protocol> protocols, TestTrust trust) {
        this.meter = meter;
        this.guard = guard;
        Dispatcher dispatcher = new Dispatcher();
        dispatcher.setMaxRequestsPerHost(1);
        OkHttpClient.Builder builder = new OkHttpClient.Builder();
        if (trust != null) {
            builder.sslSocketFactory(trust.socketFactory(), trust.trustManager());
        }
        this.client = builder
                .dns(new GuardedDns(resolver, guard))
                .socketFactory(new GuardedSocketFactory(guard, shaper))
                .proxy(Proxy.NO_PROXY)
                .followRedirects(false)
                .followSslRedirects(false)
                .retryOnConnectionFailure(false)
                .dispatcher(dispatcher)
                .connectionPool(new ConnectionPool(4, 30, TimeUnit.SECONDS))
                .protocols(protocols)
                .connectTimeout(policy.connectTimeout())
                .readTimeout(policy.readTimeout())
                .writeTimeout(policy.readTimeout())
                .callTimeout(policy.totalTimeout())
                .build();
    }

    /** Certificates a test trusts instead of the system's. */
    record TestTrust(javax.net.ssl.SSLSocketFactory socketFactory, javax.net.ssl.X509TrustManager trustManager) {
    }

    public TrafficMeter meter() {
        return meter;
    }

    public EgressGuard guard() {
        return guard;
    }

    /** Starts a GET whose whole exchange, body included, must end within {@code deadline}. */
    Response get(URI uri, String userAgent, String accept, Duration deadline) throws IOException, FetchException {
        HttpUrl url = HttpUrl.parse(uri.toString());
        if (url == null) {
            throw new FetchException("url", "not a fetchable URL");
        }
        Request request = new Request.Builder().url(url)
                .header("User-Agent", userAgent)
                .header("Accept", accept)
                // Set explicitly so that OkHttp does not decode on its own: our decoder caps the decoded size.
                .header("Accept-Encoding", "gzip, deflate, br")
                .get()
                .build();
        Call call = client.newCall(request);
        call.timeout().timeout(Math.max(1, deadline.toMillis()), TimeUnit.MILLISECONDS);
        return call.execute();
    }

    /** Cancels every request in flight (the node's stop deadline passed); each fails with an IOException. */
    public void cancelInFlight() {
        client.dispatcher().cancelAll();
    }

    public void close() {
        client.dispatcher().executorService().shutdown();
        client.connectionPool().evictAll();
    }
}
