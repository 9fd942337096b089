package org.gleaner.ledger.api;

import jakarta.servlet.Filter;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Serves the subjects' page (plain HTML, one script, one style sheet) at {@code /subjects/} from this
 * module's own classpath folder, not {@code static/}, so other services sharing the classpath do not serve
 * it. The page only talks to this service, and its policy forbids anything else.
 */
@Configuration(proxyBeanMethods = false)
class SubjectsPageConfig implements WebMvcConfigurer {
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "connect-src 'self'; img-src 'self' data:; form-action 'none'; frame-ancestors 'none'; base-uri 'none'";

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler("/subjects/**").addResourceLocations("classpath:/org/gleaner/ledger/subjects/");
    }

    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        registry.addRedirectViewController("/subjects", "/subjects/");
        registry.addViewController("/subjects/").setViewName("forward:/subjects/index.html");
    }

    @Bean
    FilterRegistrationBean<Filter> subjectsPageHeaders() {
        FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>((request, response, chain) -> {
            var http = (jakarta.servlet.http.HttpServletResponse) response;
            http.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
            http.setHeader("X-Content-Type-Options", "nosniff");
            http.setHeader("Referrer-Policy", "no-referrer");
            http.setHeader("Cache-Control", "no-store");
            chain.doFilter(request, response);
        });
        registration.addUrlPatterns("/subjects", "/subjects/*");
        return registration;
    }
}
