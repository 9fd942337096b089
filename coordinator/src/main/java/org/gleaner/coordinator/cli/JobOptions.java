package org.gleaner.coordinator.cli;

import java.util.List;
import java.util.Set;
import org.gleaner.coordinator.frontier.CrawlJob;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** A crawl job given on the command line of a coordinator that starts with one. */
final class JobOptions {
    @Option(names = "--job-id", description = "Submit a job with this id (with --seed and --host) unless one with this id was submitted before.")
    String jobId;

    @Option(names = "--seed", description = "A seed URL of the job (repeatable).")
    List<String> seeds = List.of();

    @Option(names = "--host", description = "A host in the job's scope (repeatable; *.example.com for a domain).")
    Set<String> hosts = Set.of();

    @Option(names = "--max-pages", defaultValue = "10000",
            description = "The job's page budget (with serve-shared too: for the whole job, over every partition) (default: ${DEFAULT-VALUE}).")
    int maxPages;

    @Option(names = "--max-depth", defaultValue = "5", description = "The job's link depth limit (default: ${DEFAULT-VALUE}).")
    int maxDepth;

    @Option(names = "--purpose", defaultValue = "train-ai", description = "The job's purpose (default: ${DEFAULT-VALUE}).")
    String purpose;

    /** The job, or null without {@code --job-id}. @throws CommandLine.ParameterException for an invalid job */
    CrawlJob job(CommandLine.Model.CommandSpec spec) {
        if (jobId == null) {
            return null;
        }
        try {
            return new CrawlJob(jobId, seeds, hosts, maxPages, maxDepth, purpose);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "job: " + e.getMessage());
        }
    }
}
