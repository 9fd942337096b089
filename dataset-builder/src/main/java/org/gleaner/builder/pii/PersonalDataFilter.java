package org.gleaner.builder.pii;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.gleaner.builder.consent.ConsentLookup;

/**
 * Finds the identifiers in a document's text cells and decides each by consent: licensed identifiers stay and
 * their grant ids go to the row; unlicensed ones are replaced by their placeholder, or the document is dropped
 * ({@link PiiPolicy#DROP_DOCUMENT}). Without a {@link ConsentContext} nothing is licensed. Answers are cached
 * per filter (one build), so a name repeated on many pages costs one commitment request.
 *
 * <p>Thread-safe: scanning runs in parallel on the callers' threads; the commitment service and the consent
 * view (which need not be thread-safe) are asked one question at a time, once per distinct identifier.
 */
public final class PersonalDataFilter {
    private static final int MAX_CACHED = 100_000;
    /** A row names at most this many grants; identifiers whose grants would pass it are redacted instead. */
    public static final int MAX_GRANT_IDS_PER_ROW = 1_024;

    private final PiiScanner scanner;
    private final PrivacySettings settings;
    private final Map<String, List<String>> grantsByIdentifier = new ConcurrentHashMap<>();
    private final Object consentLock = new Object();

    public PersonalDataFilter(PrivacySettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.scanner = PiiScanner.standard(settings.phoneRegion());
    }

    /** The decided document: its cleaned texts (same order as given), grant ids and counts; or dropped. */
    public record Filtered(List<String> texts, List<String> grantIds, PiiCounts counts, boolean dropped) {
    }

    /** @param texts the document's text cells (null entries stay null) */
    public Filtered filter(List<String> texts) {
        int n = PiiKind.values().length;
        int[] found = new int[n];
        int[] kept = new int[n];
        int[] redacted = new int[n];
        Set<String> grants = new LinkedHashSet<>();
        List<String> out = new ArrayList<>(texts.size());
        for (String text : texts) {
            if (text == null) {
                out.add(null);
                continue;
            }
            List<PiiSpan> spans = scanner.scan(text);
            if (spans.isEmpty()) {
                out.add(text);
                continue;
            }
            StringBuilder sb = new StringBuilder(text.length());
            int at = 0;
            for (PiiSpan span : spans) {
                int k = span.kind().ordinal();
                found[k]++;
                List<String> ids = grants(span);
                sb.append(text, at, span.start());
                if (ids.isEmpty() || !fits(grants, ids)) {
                    redacted[k]++;
                    sb.append(span.kind().placeholder());
                } else {
                    kept[k]++;
                    grants.addAll(ids);
                    sb.append(text, span.start(), span.end());
                }
                at = span.end();
            }
            sb.append(text, at, text.length());
            out.add(sb.toString());
        }
        boolean anyRedacted = java.util.Arrays.stream(redacted).anyMatch(c -> c > 0);
        if (anyRedacted && settings.policy() == PiiPolicy.DROP_DOCUMENT) {
            return new Filtered(List.of(), List.of(), PiiCounts.of(found, kept, new int[n]), true);
        }
        return new Filtered(out, List.copyOf(grants), PiiCounts.of(found, kept, redacted), false);
    }

    private static boolean fits(Set<String> grants, List<String> ids) {
        return grants.size() + ids.stream().filter(id -> !grants.contains(id)).count() <= MAX_GRANT_IDS_PER_ROW;
    }

    private List<String> grants(PiiSpan span) {
        ConsentContext consent = settings.consent();
        if (consent == null) {
            return List.of();
        }
        String key = span.kind().code() + "\u0000" + span.normalized();
        List<String> cached = grantsByIdentifier.get(key);
        if (cached != null) {
            return cached;
        }
        synchronized (consentLock) {
            cached = grantsByIdentifier.get(key);
            return cached != null ? cached : ask(consent, span, key);
        }
    }

    private List<String> ask(ConsentContext consent, PiiSpan span, String key) {
        List<String> ids;
        try {
            String commitment = consent.commitments().commitmentHex(span.kind(), span.normalized());
            ids = consent.lookup().decide(commitment, settings.purpose(), consent.checkpoint()).grantIds();
        } catch (CommitmentMapper.CommitmentUnavailableException e) {
            // The message names the kind only: the identifier itself must not reach logs.
            throw new ConsentUnavailableException("commitment service failed for a " + span.kind().code(), e);
        } catch (ConsentLookup.UnknownCheckpointException e) {
            throw new ConsentUnavailableException("consent view has not reached checkpoint "
                    + consent.checkpoint().treeSize(), e);
        }
        if (grantsByIdentifier.size() < MAX_CACHED) {
            grantsByIdentifier.put(key, ids);
        }
        return ids;
    }
}
