package org.gleaner.builder.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.parquet.example.data.Group;
import org.gleaner.builder.manifest.ManifestFile;
import org.gleaner.builder.parquet.DatasetSchema;
import org.gleaner.builder.parquet.ProjectedRows;

/**
 * Which published dataset versions hold rows licensed by a consent grant, with row counts: read from the
 * Parquet {@code consent_grant_ids} column alone (a projection: no row content is read or returned). Each data
 * file's grant counts are computed once and cached by the file's SHA-256, as published files never change.
 */
public final class GrantAppearances {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(GrantAppearances.class);
    static final Pattern GRANT_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    private static final int CACHED_FILES = 256;

    public record Appearance(String dataset, String version, long rows, boolean superseded) {
    }

    private final DatasetStore store;
    private final Map<String, Map<String, Long>> countsByFileSha256 = Collections.synchronizedMap(
            new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Map<String, Long>> eldest) {
                    return size() > CACHED_FILES;
                }
            });

    public GrantAppearances(DatasetStore store) {
        this.store = store;
    }

    public List<Appearance> of(String grantId) {
        if (grantId == null || !GRANT_ID.matcher(grantId).matches()) {
            throw ApiProblem.badRequest("grant must match " + GRANT_ID.pattern());
        }
        List<Appearance> appearances = new ArrayList<>();
        for (String dataset : store.datasets()) {
            for (PublishedVersion v : store.versions(dataset)) {
                long rows = 0;
                for (ManifestFile f : v.manifest().dataFiles()) {
                    rows += counts(v, f).getOrDefault(grantId, 0L);
                }
                if (rows > 0) {
                    appearances.add(new Appearance(dataset, v.version(), rows, v.superseded()));
                }
            }
        }
        return appearances;
    }

    private Map<String, Long> counts(PublishedVersion v, ManifestFile f) {
        Map<String, Long> cached = countsByFileSha256.get(f.sha256());
        if (cached != null) {
            return cached;
        }
        Map<String, Long> counts;
        try {
            counts = countGrants(store.file(v, f));
        } catch (ApiProblem | UncheckedIOException | IllegalArgumentException e) {
            // A file that does not match its manifest or is unreadable counts nothing until it is repaired.
            log.warn("{}/v{}: {} skipped for grant appearances: {}", v.dataset(), v.version(), f.path(), e.getMessage());
            return Map.of();
        }
        countsByFileSha256.put(f.sha256(), counts);
        return counts;
    }

    static Map<String, Long> countGrants(Path file) {
        Map<String, Long> counts = new HashMap<>();
        try {
            ProjectedRows.forEach(file, List.of(DatasetSchema.CONSENT_GRANT_IDS), row -> {
                Group list = row.getGroup(0, 0);
                int n = list.getFieldRepetitionCount(0);
                java.util.Set<String> inRow = new java.util.HashSet<>();
                for (int j = 0; j < n; j++) {
                    inRow.add(list.getGroup(0, j).getString(0, 0));
                }
                inRow.forEach(g -> counts.merge(g, 1L, Long::sum));
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.copyOf(counts);
    }
}
