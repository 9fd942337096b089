package org.gleaner.coordinator.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.gleaner.coordinator.api.RateLimiter;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Limits the REST API per client address (every path, including OpenAPI and metrics): over the limit, 429 with
 * {@code Retry-After} in seconds, before any controller runs.
 */
public final class RateLimitFilter extends OncePerRequestFilter {
    private final RateLimiter perAddress;

    public RateLimitFilter(RateLimiter perAddress) {
        this.perAddress = perAddress;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long waitMillis = perAddress.acquire(request.getRemoteAddr());
        if (waitMillis > 0) {
            response.setStatus(429);
            response.setHeader("Retry-After", Long.toString(RateLimiter.retryAfterSeconds(waitMillis)));
            response.setContentType("text/plain;charset=UTF-8");
            response.getWriter().write("too many requests, retry later\n");
            return;
        }
        chain.doFilter(request, response);
    }
}
