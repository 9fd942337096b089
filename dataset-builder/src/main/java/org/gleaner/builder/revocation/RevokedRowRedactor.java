package org.gleaner.builder.revocation;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.schema.MessageType;
import org.gleaner.builder.consent.ConsentLookup;
import org.gleaner.builder.parquet.DatasetSchema;
import org.gleaner.builder.pii.CommitmentMapper;
import org.gleaner.builder.pii.ConsentContext;
import org.gleaner.builder.pii.PiiKind;
import org.gleaner.builder.pii.PiiScanner;
import org.gleaner.builder.pii.PiiSpan;
import org.gleaner.builder.text.TokenCounter;

/**
 * Re-redacts one published row that carries a revoked grant, as the build would have redacted it had the grant
 * not existed: each identifier still in the row's {@code text} and {@code title} is decided again as of the
 * delta's checkpoint, and stays only when a grant the row already names (and that is not revoked) still licenses
 * it; every other one becomes its kind's placeholder. The row keeps its id and every other column; the revoked
 * grant ids leave {@code consent_grant_ids}, the per-kind kept/redacted counts and {@code token_count} follow the
 * new text.
 *
 * <p>The row is deleted instead (empty answer) when re-redaction cannot be shown to be complete: the identifiers
 * found now are not exactly the ones the build kept (its {@code pii_*_kept} counts; a detector that changed since
 * the build could miss one), the file's schema lacks those counts, or a redacted identifier (as written or
 * normalized) is still anywhere in the row, in any column (e.g. in its URL, which the node's receipt signs and
 * which therefore cannot be edited). Errs on the side of deleting, never on the side of keeping.
 */
final class RevokedRowRedactor implements ParquetRowRewriter.RowRewrite {
    private static final int MAX_CACHED = 100_000;
    private static final String KEPT = "kept";
    private static final String REDACTED = "redacted";

    private final PiiScanner scanner;
    private final ConsentContext consent;
    private final String purpose;
    private final Set<String> revoked;
    private final Map<String, List<String>> grantsByIdentifier = new HashMap<>();

    RevokedRowRedactor(PiiScanner scanner, ConsentContext consent, String purpose, Set<String> revoked) {
        this.scanner = scanner;
        this.consent = consent;
        this.purpose = purpose;
        this.revoked = Set.copyOf(revoked);
    }

    /** The consent service could not answer: compaction must stop before anything is committed. */
    static final class ConsentUnavailable extends IOException {
        private static final long serialVersionUID = 1L;

        ConsentUnavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** One row's redaction in progress. */
    private final class RowWork {
        final Set<String> standing;
        final Set<String> used = new LinkedHashSet<>();
        final int[] keptFound = new int[PiiKind.values().length];
        final int[] redactedNow = new int[PiiKind.values().length];
        final List<String> leaked = new ArrayList<>();

        RowWork(List<String> rowGrants) {
            standing = new LinkedHashSet<>(rowGrants);
            standing.removeAll(revoked);
        }

        String redact(String text) throws IOException {
            if (text == null) {
                return null;
            }
            StringBuilder sb = new StringBuilder(text.length());
            int at = 0;
            for (PiiSpan span : scanner.scan(text)) {
                keptFound[span.kind().ordinal()]++;
                List<String> still = new ArrayList<>(grants(span));
                still.retainAll(standing);
                sb.append(text, at, span.start());
                if (still.isEmpty()) {
                    redactedNow[span.kind().ordinal()]++;
                    sb.append(span.kind().placeholder());
                    leaked.add(text.substring(span.start(), span.end()).toLowerCase(Locale.ROOT));
                    leaked.add(span.normalized().toLowerCase(Locale.ROOT));
                } else {
                    used.addAll(still);
                    sb.append(text, span.start(), span.end());
                }
                at = span.end();
            }
            return sb.append(text, at, text.length()).toString();
        }
    }

    @Override
    public Optional<Group> rewrite(Group row, MessageType schema) throws IOException {
        for (PiiKind k : PiiKind.values()) {
            if (!schema.containsField(DatasetSchema.piiColumn(k, KEPT))
                    || !schema.containsField(DatasetSchema.piiColumn(k, REDACTED))) {
                return Optional.empty();
            }
        }
        RowWork work = new RowWork(GroupRows.stringList(row, DatasetSchema.CONSENT_GRANT_IDS));
        String text = work.redact(row.getString(DatasetSchema.TEXT, 0));
        String title = work.redact(GroupRows.optionalString(row, DatasetSchema.TITLE));
        for (PiiKind k : PiiKind.values()) {
            if (work.keptFound[k.ordinal()] != row.getInteger(DatasetSchema.piiColumn(k, KEPT), 0)) {
                return Optional.empty();
            }
        }
        Group out = rebuild(row, work, text, title);
        for (String cell : GroupRows.allStrings(out)) {
            String lower = cell.toLowerCase(Locale.ROOT);
            for (String identifier : work.leaked) {
                if (lower.contains(identifier)) {
                    return Optional.empty();
                }
            }
        }
        return Optional.of(out);
    }

    private static Group rebuild(Group row, RowWork work, String text, String title) {
        Set<String> replaced = new java.util.HashSet<>(Set.of(DatasetSchema.TEXT, DatasetSchema.TITLE,
                DatasetSchema.CONSENT_GRANT_IDS, DatasetSchema.TOKEN_COUNT));
        for (PiiKind k : PiiKind.values()) {
            replaced.add(DatasetSchema.piiColumn(k, KEPT));
            replaced.add(DatasetSchema.piiColumn(k, REDACTED));
        }
        Group out = GroupRows.copyExcept(row, replaced);
        out.add(DatasetSchema.TEXT, text);
        if (title != null) {
            out.add(DatasetSchema.TITLE, title);
        }
        List<String> grants = GroupRows.stringList(row, DatasetSchema.CONSENT_GRANT_IDS).stream()
                .filter(work.used::contains).toList();
        GroupRows.addStringList(out, DatasetSchema.CONSENT_GRANT_IDS, grants);
        out.add(DatasetSchema.TOKEN_COUNT, TokenCounter.whitespaceTokens(text));
        for (PiiKind k : PiiKind.values()) {
            int moved = work.redactedNow[k.ordinal()];
            out.add(DatasetSchema.piiColumn(k, KEPT), row.getInteger(DatasetSchema.piiColumn(k, KEPT), 0) - moved);
            out.add(DatasetSchema.piiColumn(k, REDACTED), row.getInteger(DatasetSchema.piiColumn(k, REDACTED), 0) + moved);
        }
        return out;
    }

    private List<String> grants(PiiSpan span) throws IOException {
        String key = span.kind().code() + "\u0000" + span.normalized();
        List<String> cached = grantsByIdentifier.get(key);
        if (cached != null) {
            return cached;
        }
        List<String> ids;
        try {
            String commitment = consent.commitments().commitmentHex(span.kind(), span.normalized());
            ids = consent.lookup().decide(commitment, purpose, consent.checkpoint()).grantIds();
        } catch (CommitmentMapper.CommitmentUnavailableException e) {
            // The kind only: the identifier itself must not reach logs.
            throw new ConsentUnavailable("commitment service failed for a " + span.kind().code(), e);
        } catch (ConsentLookup.UnknownCheckpointException e) {
            throw new ConsentUnavailable("consent view has not reached checkpoint " + consent.checkpoint().treeSize(), e);
        }
        if (grantsByIdentifier.size() < MAX_CACHED) {
            grantsByIdentifier.put(key, ids);
        }
        return ids;
    }
}
