package org.gleaner.builder.api;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.servlet.HandlerInterceptor;

/** Every {@code /v1/} call: a lab's bearer key, then that lab's rate limit. The lab's name (never its key) goes on the request. */
final class LabAuthInterceptor implements HandlerInterceptor {
    static final String LAB_ATTRIBUTE = "gleaner.lab";
    private final LabKeys keys;
    private final KeyRateLimits limits;

    LabAuthInterceptor(LabKeys keys, KeyRateLimits limits) {
        this.keys = keys;
        this.limits = limits;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        String lab = keys.authenticate(request.getHeader("Authorization")).orElseThrow(() -> new ApiProblem(
                HttpStatus.UNAUTHORIZED, "a valid lab key is required (Authorization: Bearer glk_...)",
                Map.of("WWW-Authenticate", "Bearer realm=\"gleaner-datasets\"")));
        limits.acquire(lab);
        request.setAttribute(LAB_ATTRIBUTE, lab);
        return true;
    }
}
