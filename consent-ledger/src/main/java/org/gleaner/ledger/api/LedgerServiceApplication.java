package org.gleaner.ledger.api;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;

/** The ledger service: the REST API over one {@link org.gleaner.ledger.service.LedgerService}. */
@SpringBootApplication
public class LedgerServiceApplication {

    public static ConfigurableApplicationContext start(String... args) {
        SpringApplication app = new SpringApplication(LedgerServiceApplication.class);
        // Defaults set here rather than in an application.properties, which would leak into any other
        // Spring Boot service sharing the classpath (the devnet runs them all in one JVM).
        app.setDefaultProperties(java.util.Map.of(
                "server.address", "127.0.0.1",
                "server.port", "8472",
                "server.max-http-request-header-size", "16KB",
                "server.tomcat.max-swallow-size", "256KB",
                "spring.servlet.multipart.enabled", "false",
                "spring.main.banner-mode", "off"));
        return app.run(args);
    }

    public static void main(String[] args) {
        start(args);
    }
}
