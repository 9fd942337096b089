package org.gleaner.devnet;

import java.util.Locale;

/** Renders the devnet summary for a person to read. */
final class SummaryPrinter {
    private SummaryPrinter() {
    }

    static String format(DevnetSummary s) {
        StringBuilder b = new StringBuilder();
        b.append("Gleaner devnet summary\n");
        b.append(String.format(Locale.ROOT, "  demo site pages     %d%n", s.sitePages()));
        b.append(String.format(Locale.ROOT, "  pages fetched       %d (%s of bodies)%n", s.pagesFetched(), human(s.bytesFetched())));
        b.append(String.format(Locale.ROOT, "  pages credited      %d%n", s.creditedPages()));
        for (DevnetSummary.NodeLine n : s.nodes()) {
            b.append(String.format(Locale.ROOT, "  node %s…  fetched %d, %s on the wire, credited %d pages / %s%s%s%n",
                    n.nodeId().substring(0, 16), n.pagesFetched(), human(n.wireBytes()), n.creditedPages(),
                    human(n.creditedBytes()), n.refusals().isEmpty() ? "" : ", refused " + n.refusals(),
                    n.errors().isEmpty() ? "" : ", errors " + n.errors()));
        }
        b.append(String.format(Locale.ROOT, "  dataset rows        %d%s%n", s.datasetRows(),
                s.skippedByReason().isEmpty() ? "" : " (skipped " + s.skippedByReason() + ")"));
        b.append(String.format(Locale.ROOT, "  parquet             %s%n", s.parquetFile()));
        b.append(String.format(Locale.ROOT, "  wall time           %.1f s%n", s.wallTime().toMillis() / 1000.0));
        return b.toString();
    }

    private static String human(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        if (bytes < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0);
        }
        return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024));
    }
}
