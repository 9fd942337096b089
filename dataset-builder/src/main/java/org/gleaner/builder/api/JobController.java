package org.gleaner.builder.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.ObjectMapper;

/** Crawl jobs, passed on to the coordinator this server is configured with (503 when it has none). */
@RestController
@SecurityRequirement(name = "labKey")
class JobController {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_SEEDS = 1_000;
    private static final int MAX_SCOPE_ENTRIES = 1_000;
    private static final int MAX_TEXT = 2_048;
    private final Optional<CoordinatorJobs> coordinator;

    JobController(Optional<CoordinatorJobs> coordinator) {
        this.coordinator = coordinator;
    }

    /** The coordinator's job shape; checked for size here, for meaning by the coordinator. */
    public record JobRequest(String jobId, List<String> seeds, Set<String> hosts, int maxPages, int maxDepth, String purpose,
            List<String> prefixes, List<String> patterns) {
    }

    @Operation(summary = "Submit a crawl job to the coordinator (its reply is passed back: 201 with progress, 400, 409)")
    @PostMapping(value = "/v1/jobs", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<byte[]> submit(@RequestBody JobRequest job) {
        checkSize(job);
        JobRequest complete = new JobRequest(job.jobId(), job.seeds(), job.hosts() == null ? Set.of() : job.hosts(), job.maxPages(),
                job.maxDepth(), job.purpose(), job.prefixes() == null ? List.of() : job.prefixes(),
                job.patterns() == null ? List.of() : job.patterns());
        return relay(jobs().submit(JSON.writeValueAsBytes(complete)));
    }

    @Operation(summary = "Progress of the coordinator's current job")
    @GetMapping(value = "/v1/jobs/current", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<byte[]> current() {
        return relay(jobs().current());
    }

    private CoordinatorJobs jobs() {
        return coordinator.orElseThrow(() -> new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE,
                "this dataset API has no coordinator configured"));
    }

    private static ResponseEntity<byte[]> relay(CoordinatorJobs.Reply reply) {
        HttpStatus status = HttpStatus.resolve(reply.status());
        if (status == null || status.is3xxRedirection() || status.is1xxInformational()) {
            throw new ApiProblem(HttpStatus.BAD_GATEWAY, "the coordinator answered " + reply.status());
        }
        MediaType type = status.isError() ? MediaType.APPLICATION_PROBLEM_JSON : MediaType.APPLICATION_JSON;
        return ResponseEntity.status(status).contentType(type).body(reply.body());
    }

    private static void checkSize(JobRequest job) {
        if (job.jobId() == null || job.jobId().length() > 128) {
            throw ApiProblem.badRequest("jobId is required, at most 128 characters");
        }
        if (job.seeds() == null || job.seeds().isEmpty() || job.seeds().size() > MAX_SEEDS) {
            throw ApiProblem.badRequest("seeds: 1 to " + MAX_SEEDS + " URLs");
        }
        for (List<String> list : java.util.Arrays.asList(job.seeds(), job.prefixes(), job.patterns(),
                job.hosts() == null ? null : List.copyOf(job.hosts()))) {
            if (list == null) {
                continue;
            }
            if (list.size() > MAX_SCOPE_ENTRIES || list.stream().anyMatch(s -> s == null || s.length() > MAX_TEXT)) {
                throw ApiProblem.badRequest("at most " + MAX_SCOPE_ENTRIES + " entries per list, each at most "
                        + MAX_TEXT + " characters");
            }
        }
        if (job.purpose() != null && job.purpose().length() > 64) {
            throw ApiProblem.badRequest("purpose: at most 64 characters");
        }
    }
}
