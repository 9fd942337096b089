package org.gleaner.ledger.api;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;

/** The ledger service: the REST API over one {@link org.gleaner.ledger.service.LedgerService}. */
@SpringBootApplication
public class LedgerServiceApplication {

    public static ConfigurableApplicationContext start(String... args) {
        SpringApplication app = new SpringApplication(LedgerServiceApplication.class);
        return app.run(args);
    }

    public static void main(String[] args) {
        start(args);
    }
}
