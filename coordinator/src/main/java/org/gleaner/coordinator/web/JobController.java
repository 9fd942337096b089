package org.gleaner.coordinator.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.responses.ApiResponses;
import java.time.Duration;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import java.util.List;
import java.util.Set;
import org.gleaner.coordinator.Coordinator;
import org.gleaner.coordinator.frontier.CrawlJob;
import org.gleaner.coordinator.frontier.UrlPattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** Labs submit crawl jobs (several run at once) and follow each one's progress. */
@RestController
public class JobController {
    private final CoordinatorView coordinator;
    private final ApiToken token;

    public JobController(CoordinatorView coordinator, ApiToken token) {
        this.coordinator = coordinator;
        this.token = token;
    }

    /**
     * Scope: {@code hosts} ("*.example.com" for a domain and its subdomains), optional URL {@code prefixes} and {@code patterns}
     * ("*" wildcards). {@code recrawlIntervalSeconds} (optional, 1 s to 366 days): each page is fetched again that long after it
     * was last credited, never sooner; such a job runs until the coordinator stops.
     */
    public record JobRequest(String jobId, List<String> seeds, Set<String> hosts, int maxPages, int maxDepth, String purpose,
            List<String> prefixes, List<String> patterns, Long recrawlIntervalSeconds) {
    }

    /** One job's progress: URLs found, waiting (queued, or scheduled for a recrawl), leases open, pages credited. */
    public record JobStatus(String jobId, boolean finished, int discoveredUrls, int queuedUrls, int scheduledRecrawls, int openLeases,
            long creditedPages) {
        static JobStatus of(Coordinator.JobProgress p) {
            return new JobStatus(p.jobId(), p.finished(), p.discoveredUrls(), p.queuedUrls(), p.scheduledRecrawls(), p.openLeases(),
                    p.creditedPages());
        }
    }

    public record JobProgress(String jobId, boolean finished, int discoveredUrls, int leasesIssued, int leasesCompleted,
            int leasesExpired, long creditedPages, int pendingSpotChecks) {
    }

    @Operation(summary = "Submit a crawl job; up to " + Coordinator.MAX_RUNNING_JOBS + " run at once",
            security = @SecurityRequirement(name = "bearer"))
    @ApiResponses({@ApiResponse(responseCode = "201", description = "the job runs"),
            @ApiResponse(responseCode = "400", description = "invalid job"),
            @ApiResponse(responseCode = "401", description = "no or wrong bearer token"),
            @ApiResponse(responseCode = "409", description = "the job id was used before, or too many jobs run")})
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
                    request.patterns() == null ? List.of() : request.patterns().stream().map(UrlPattern::new).toList(),
                    recrawl(request.recrawlIntervalSeconds()));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "invalid job: " + e.getMessage());
        }
        try {
            coordinator.submit(job);
        } catch (IllegalStateException e) {
            throw new ApiException(HttpStatus.CONFLICT, e.getMessage());
        }
        return ResponseEntity.status(HttpStatus.CREATED).body(coordinator.current().orElseThrow());
    }

    private static Duration recrawl(Long seconds) {
        if (seconds == null || seconds == 0) {
            return Duration.ZERO;
        }
        if (seconds < 0 || seconds > CrawlJob.MAX_RECRAWL.toSeconds()) {
            throw new IllegalArgumentException("recrawlIntervalSeconds must be between 1 and " + CrawlJob.MAX_RECRAWL.toSeconds());
        }
        return Duration.ofSeconds(seconds);
    }

    @Operation(summary = "Every job's progress, in submission order")
    @GetMapping("/v1/jobs")
    public List<JobStatus> all() {
        return coordinator.jobs().stream().map(JobStatus::of).toList();
    }

    @Operation(summary = "One job's progress")
    @ApiResponses({@ApiResponse(responseCode = "200", description = "the job's progress"),
            @ApiResponse(responseCode = "404", description = "no job with this id")})
    @GetMapping("/v1/jobs/{jobId}")
    public JobStatus one(@PathVariable("jobId") String jobId) {
        if (jobId.length() > 64) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "a job id has at most 64 characters");
        }
        return coordinator.progress(jobId).map(JobStatus::of)
                .orElseThrow(() -> new ApiException(HttpStatus.NOT_FOUND, "no job with this id"));
    }

    @Operation(summary = "Progress of the most recently submitted job, with the coordinator's lease counts")
    @GetMapping("/v1/jobs/current")
    public JobProgress current() {
        return coordinator.current().orElseThrow(() -> new ApiException(HttpStatus.NOT_FOUND, "no job has been submitted"));
    }
}
