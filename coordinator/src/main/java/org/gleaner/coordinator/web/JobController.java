package org.gleaner.coordinator.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import java.util.List;
import java.util.Set;
import org.gleaner.coordinator.Coordinator;
import org.gleaner.coordinator.frontier.CrawlJob;
import org.gleaner.coordinator.frontier.UrlPattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** Labs submit a crawl job and follow its progress. */
@RestController
public class JobController {
    private final Coordinator coordinator;
    private final ApiToken token;

    public JobController(Coordinator coordinator, ApiToken token) {
        this.coordinator = coordinator;
        this.token = token;
    }

    /** Scope: {@code hosts} ("*.example.com" for a domain and its subdomains), optional URL {@code prefixes} and {@code patterns} ("*" wildcards). */
    public record JobRequest(String jobId, List<String> seeds, Set<String> hosts, int maxPages, int maxDepth, String purpose,
            List<String> prefixes, List<String> patterns) {
    }

    public record JobProgress(String jobId, boolean finished, int discoveredUrls, int leasesIssued, int leasesCompleted,
            int leasesExpired, long creditedPages, int pendingSpotChecks) {
    }

    @Operation(summary = "Submit a crawl job (one runs at a time)", security = @SecurityRequirement(name = "bearer"))
    @PostMapping("/v1/jobs")
    public ResponseEntity<JobProgress> submit(@RequestHeader(name = "Authorization", required = false) String authorization,
            @RequestBody JobRequest request) {
        if (!token.matches(authorization)) {
            throw new ApiException(HttpStatus.UNAUTHORIZED, "a valid bearer token is required to submit jobs");
        }
        CrawlJob job;
        try {
            job = new CrawlJob(request.jobId(), request.seeds(), request.hosts() == null ? Set.of() : request.hosts(),
                    request.maxPages(), request.maxDepth(), request.purpose(), request.prefixes(),
                    request.patterns() == null ? List.of() : request.patterns().stream().map(UrlPattern::new).toList());
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "invalid job: " + e.getMessage());
        }
        try {
            coordinator.submit(job);
        } catch (IllegalStateException e) {
            throw new ApiException(HttpStatus.CONFLICT, e.getMessage());
        }
        return ResponseEntity.status(HttpStatus.CREATED).body(progress());
    }

    @Operation(summary = "Progress of the current job")
    @GetMapping("/v1/jobs/current")
    public JobProgress current() {
        if (coordinator.currentJobId().isEmpty()) {
            throw new ApiException(HttpStatus.NOT_FOUND, "no job has been submitted");
        }
        return progress();
    }

    private JobProgress progress() {
        Coordinator.Stats s = coordinator.stats();
        return new JobProgress(coordinator.currentJobId().orElse(""), coordinator.finished(), s.discoveredUrls(), s.leasesIssued(),
                s.leasesCompleted(), s.leasesExpired(), s.creditedPages(), coordinator.pendingSpotChecks());
    }
}
