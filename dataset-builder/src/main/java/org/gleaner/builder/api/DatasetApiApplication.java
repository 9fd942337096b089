package org.gleaner.builder.api;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityScheme;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** The Spring Boot application behind {@link DatasetApiServer}: routes, the lab-key check, the page, OpenAPI. */
@SpringBootApplication
class DatasetApiApplication implements WebMvcConfigurer {
    static final long MAX_REQUEST_BODY = CoordinatorJobs.MAX_BODY_BYTES;
    private final LabAuthInterceptor auth;

    DatasetApiApplication(LabAuthInterceptor auth) {
        this.auth = auth;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(auth).addPathPatterns("/v1/**");
    }

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler("/labs/**").addResourceLocations("classpath:/org/gleaner/builder/api/labs/");
    }

    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        registry.addRedirectViewController("/labs", "/labs/");
        registry.addViewController("/labs/").setViewName("forward:/labs/index.html");
    }

    @Bean
    OpenAPI datasetApiDocument() {
        return new OpenAPI()
                .info(new Info().title("Gleaner dataset API").version("v1")
                        .description("Published dataset versions for labs: manifests and their signatures, cards, files "
                                + "with Range, deletion deltas, grant appearances and crawl jobs. Every /v1 call needs "
                                + "a lab key (Authorization: Bearer glk_...) and is rate-limited per key (429 with Retry-After)."))
                .components(new Components().addSecuritySchemes("labKey", new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP).scheme("bearer").description("a lab key, glk_ and 43 base64url characters")));
    }

    /** Security headers on every response, and a cap on request bodies (only job submissions have one). */
    @Bean
    Filter securityHeadersAndBodyLimit() {
        return (request, response, chain) -> {
            HttpServletRequest http = (HttpServletRequest) request;
            HttpServletResponse out = (HttpServletResponse) response;
            out.setHeader("X-Content-Type-Options", "nosniff");
            out.setHeader("Referrer-Policy", "no-referrer");
            out.setHeader("X-Frame-Options", "DENY");
            out.setHeader("Content-Security-Policy", "default-src 'none'; script-src 'self'; style-src 'self'; "
                    + "img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
            long length = http.getContentLengthLong();
            if (length > MAX_REQUEST_BODY || (length < 0 && http.getHeader("Transfer-Encoding") != null)) {
                out.sendError(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, "request bodies are limited to "
                        + MAX_REQUEST_BODY + " bytes with a Content-Length");
                return;
            }
            chain.doFilter(request, response);
        };
    }
}
