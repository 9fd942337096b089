package org.gleaner.coordinator.web;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Map;
import org.gleaner.coordinator.Coordinator;
import org.gleaner.coordinator.api.RateLimiter;
import org.gleaner.coordinator.reward.RewardEpochs;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The coordinator's REST API (jobs, progress, node stats, statements), its OpenAPI description
 * ({@code /v3/api-docs}) and Prometheus metrics ({@code /actuator/prometheus}), on Spring Boot webmvc. The
 * domain objects are created outside Spring and handed in, so the same coordinator serves the lease endpoint,
 * the ingest and this API.
 */
@SpringBootApplication
public class CoordinatorWebApp {

    /** Requests per second and burst per client address on the REST API. */
    public static final double DEFAULT_RATE = 20;
    public static final int DEFAULT_BURST = 40;

    /** Starts the API on {@code host:port} (port 0: any free port) for this coordinator. */
    public static ConfigurableApplicationContext start(Coordinator coordinator, RewardEpochs epochs, ApiToken token,
            MeterRegistry metrics, String host, int port) {
        return start(coordinator, epochs, token, metrics, host, port, new RateLimiter(DEFAULT_RATE, DEFAULT_BURST));
    }

    /** As above, with the per-address limiter the API applies to every request. */
    public static ConfigurableApplicationContext start(Coordinator coordinator, RewardEpochs epochs, ApiToken token,
            MeterRegistry metrics, String host, int port, RateLimiter perAddress) {
        return start(CoordinatorView.of(coordinator, epochs), token, metrics, host, port, perAddress);
    }

    /** Starts the API for any view of the network (one coordinator, or one instance of a shared frontier). */
    public static ConfigurableApplicationContext start(CoordinatorView view, ApiToken token, MeterRegistry metrics, String host,
            int port) {
        return start(view, token, metrics, host, port, new RateLimiter(DEFAULT_RATE, DEFAULT_BURST));
    }

    public static ConfigurableApplicationContext start(CoordinatorView view, ApiToken token, MeterRegistry metrics, String host,
            int port, RateLimiter perAddress) {
        SpringApplication app = new SpringApplication(CoordinatorWebApp.class);
        app.setDefaultProperties(Map.of(
                "server.address", host,
                "server.port", Integer.toString(port),
                "spring.main.banner-mode", "off",
                "management.endpoints.web.exposure.include", "health,prometheus",
                "server.tomcat.max-swallow-size", "64KB",
                "server.max-http-request-header-size", "16KB",
                "spring.mvc.problemdetails.enabled", "true"));
        app.addInitializers(context -> {
            context.getBeanFactory().registerSingleton("coordinatorView", view);
            context.getBeanFactory().registerSingleton("apiToken", token);
            context.getBeanFactory().registerSingleton("rateLimitFilter", new RateLimitFilter(perAddress));
            // The coordinator's own registry, so its counters are the ones /actuator/prometheus shows.
            context.getBeanFactory().registerSingleton("meterRegistry", metrics);
            if (metrics instanceof PrometheusMeterRegistry prometheus) {
                context.getBeanFactory().registerSingleton("prometheusRegistry", prometheus.getPrometheusRegistry());
            }
        });
        return app.run();
    }
}
