package org.gleaner.builder.api;

import java.net.URI;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The dataset API for labs over a directory of published datasets, with its OpenAPI document at
 * {@code /v3/api-docs} and the labs' page at {@code /labs/}. Started by {@code gleaner builder serve}, or alone:
 * {@code try (var api = DatasetApiServer.start(DatasetApiSettings.of(root, keys))) { ... api.baseUri() ... }}.
 */
public final class DatasetApiServer implements AutoCloseable {
    private final ConfigurableApplicationContext context;
    private final URI baseUri;

    private DatasetApiServer(ConfigurableApplicationContext context, URI baseUri) {
        this.context = context;
        this.baseUri = baseUri;
    }

    public static DatasetApiServer start(DatasetApiSettings settings) {
        SpringApplication app = new SpringApplication(DatasetApiApplication.class);
        // Defaults in code, not application.properties: the devnet runs several Spring services in one JVM.
        app.setDefaultProperties(Map.of(
                "server.address", settings.host(),
                "server.port", Integer.toString(settings.port()),
                "spring.main.banner-mode", "off",
                "server.max-http-request-header-size", "16KB",
                "server.tomcat.max-swallow-size", "64KB",
                "spring.servlet.multipart.enabled", "false",
                "spring.web.resources.add-mappings", "false",
                "spring.mvc.problemdetails.enabled", "true",
                "springdoc.paths-to-match", "/v1/**"));
        DatasetStore store = new DatasetStore(settings.root());
        app.addInitializers(context -> {
            var beans = context.getBeanFactory();
            beans.registerSingleton("datasetStore", store);
            beans.registerSingleton("deltaStore", new DeltaStore(store));
            beans.registerSingleton("grantAppearances", new GrantAppearances(store));
            beans.registerSingleton("labAuthInterceptor", new LabAuthInterceptor(settings.keys(),
                    new KeyRateLimits(settings.requestsPerPeriod(), settings.ratePeriod())));
            if (settings.coordinator() != null) {
                beans.registerSingleton("coordinatorJobs", new CoordinatorJobs(settings.coordinator(), settings.coordinatorToken()));
            }
        });
        ConfigurableApplicationContext context = app.run();
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        String host = settings.host().contains(":") ? "[" + settings.host() + "]" : settings.host();
        return new DatasetApiServer(context, URI.create("http://" + host + ":" + port));
    }

    /** {@code http://HOST:PORT}, without a trailing slash. */
    public URI baseUri() {
        return baseUri;
    }

    public int port() {
        return baseUri.getPort();
    }

    @Override
    public void close() {
        context.close();
    }
}
