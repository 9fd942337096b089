package org.gleaner.devnet;

import java.util.Locale;

/** Renders the devnet summary for a person to read. */
final class SummaryPrinter {
    private SummaryPrinter() {
    }

    static String format(DevnetSummary s) {
        StringBuilder b = new StringBuilder();
        b.append("Gleaner devnet summary\n");
        line(b, "demo site", "%d hosts, %d pages", s.demoHosts(), s.sitePages());
        line(b, "pages fetched", "%d (%s of bodies%s)", s.pagesFetched(), human(s.bytesFetched()),
                s.pagesFetched() > s.sitePages() ? "; spot checks fetch pages a second time" : "");
        line(b, "pages credited", "%d", s.creditedPages());
        for (DevnetSummary.NodeLine n : s.nodes()) {
            b.append(String.format(Locale.ROOT, "  %-7s %s…%s fetched %d, %s on the wire, credited %d pages / %s, reward %s%n",
                    n.name(), n.nodeId().substring(0, 16), n.misbehaving() ? " (misbehaving)" : "", n.pagesFetched(),
                    human(n.wireBytes()), n.creditedPages(), human(n.creditedBytes()), micro(n.cumulativeReward())));
            if (n.spotChecksPassed() + n.spotChecksFailed() + n.agreements() + n.disagreements() > 0) {
                b.append(String.format(Locale.ROOT, "          spot checks of its pages: %d passed, %d failed; as either side of a check it agreed %d times, disagreed %d%n",
                        n.spotChecksPassed(), n.spotChecksFailed(), n.agreements(), n.disagreements()));
            }
            if (n.distrusted()) {
                b.append("          agrees with no other node: caught altering content, its pages are left out of the dataset\n");
            }
            if (!n.refusals().isEmpty()) {
                b.append(String.format(Locale.ROOT, "          penalties %s%n", n.refusals()));
            }
            if (!n.errors().isEmpty()) {
                b.append(String.format(Locale.ROOT, "          fetch errors %s%n", n.errors()));
            }
        }
        DevnetSummary.Subjects subjects = s.subjects();
        line(b, "subjects", "%d keys registered, %d e-mails bound by mailed code, %d granted train-ai, %d revoked",
                subjects.registered(), subjects.emailsBound(), subjects.granted(), subjects.revoked());
        DevnetSummary.Rewards rewards = s.rewards();
        line(b, "reward epoch", "%d closed, %d statements verified, reward root is ledger entry %d", rewards.epoch(),
                rewards.statementsVerified(), rewards.ledgerEntryIndex());
        DevnetSummary.Dataset d = s.dataset();
        line(b, "dataset v" + d.version(), "%d rows as of ledger checkpoint %d (%s…)%s%s", d.rows(), d.checkpoint().treeSize(),
                d.checkpoint().rootHash().substring(0, 12), d.skippedByReason().isEmpty() ? "" : ", skipped " + d.skippedByReason(),
                d.excludedPages() == 0 ? "" : ", " + d.excludedPages() + " pages of distrusted nodes left out");
        line(b, "personal data", "e-mails kept %d (licensed), redacted %d; phones kept %d, redacted %d", d.emailsKept(),
                d.emailsRedacted(), d.phonesKept(), d.phonesRedacted());
        line(b, "files", "%s", d.versionDir());
        DevnetSummary.Revocation r = s.revocation();
        line(b, "revocation", "%d grant(s) revoked between checkpoints %d and %d; %d rows re-redacted, %d removed",
                r.revokedGrantIds().size(), r.fromCheckpoint(), r.toCheckpoint(), r.rowsRedacted(), r.rowsRemoved());
        line(b, "deletion delta", "%s", r.deltaFile() == null ? "none (no published row carried the grant)" : r.deltaFile());
        line(b, "compacted version", "%s", r.compactedVersionDir() == null ? "none" : r.compactedVersionDir());
        DevnetSummary.LedgerCheck l = s.ledger();
        line(b, "ledger check", "checkpoint %d consistent with saved checkpoint %d: %s", l.finalCheckpoint(),
                l.savedCheckpoint(), l.consistent() ? "yes" : "NO");
        line(b, "wall time", "%.1f s", s.wallTime().toMillis() / 1000.0);
        return b.toString();
    }

    private static void line(StringBuilder b, String label, String format, Object... args) {
        b.append(String.format(Locale.ROOT, "  %-19s " + format + "%n", prepend(label, args)));
    }

    private static Object[] prepend(String label, Object[] args) {
        Object[] all = new Object[args.length + 1];
        all[0] = label;
        System.arraycopy(args, 0, all, 1, args.length);
        return all;
    }

    private static String micro(long amount) {
        return String.format(Locale.ROOT, "%d.%06d", amount / 1_000_000, amount % 1_000_000);
    }

    static String human(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        if (bytes < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0);
        }
        return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024));
    }
}
