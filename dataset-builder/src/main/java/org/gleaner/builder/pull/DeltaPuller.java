package org.gleaner.builder.pull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.gleaner.protocol.io.AtomicFiles;
import org.gleaner.protocol.note.NoteVerifier;
import org.gleaner.builder.revocation.DeletionDelta;
import org.gleaner.builder.revocation.DeltaException;
import org.gleaner.builder.revocation.DeltaJson;
import org.gleaner.builder.revocation.DeltaSignature;
import tools.jackson.databind.JsonNode;

/**
 * Fetches the deletion deltas a lab holding a version must apply, decodes each with the revocation package's {@link DeltaJson},
 * checks its signature ({@link DeltaSignature}) against the pinned builder key and that it names this dataset and its sequence, and stores it (with its signature) in
 * {@code DIR/DATASET/deltas/}, each file published atomically. A delta already stored with the same bytes is
 * kept; one with other bytes is an error, as published deltas never change.
 */
public final class DeltaPuller {
    private final DatasetApiClient api;
    private final NoteVerifier builderKey;
    private final Consumer<String> progress;

    public DeltaPuller(DatasetApiClient api, NoteVerifier builderKey, Consumer<String> progress) {
        this.api = Objects.requireNonNull(api);
        this.builderKey = Objects.requireNonNull(builderKey);
        this.progress = Objects.requireNonNull(progress);
    }

    /**
     * @param rowIds       how many row ids the delta removes, over all files and versions it names
     * @param redactedRows how many rows it re-redacts (format v2): the lab replaces each with the compacted
     *                     version's row of the same id
     */
    public record VerifiedDelta(long sequence, String format, List<String> affectedVersions, List<String> compactedVersions,
            List<String> revokedGrantIds, long rowIds, long redactedRows, Path file) {
    }

    public List<VerifiedDelta> pull(String dataset, String sinceVersion, Path targetRoot) throws PullException, IOException {
        String base = "/v1/datasets/" + DatasetApiClient.encode(dataset) + "/deltas";
        JsonNode listed = api.json(base + "?since=" + DatasetApiClient.encode(sinceVersion)).get("deltas");
        Path dir = targetRoot.resolve(dataset).resolve("deltas");
        List<VerifiedDelta> verified = new ArrayList<>();
        for (JsonNode entry : listed == null ? List.<JsonNode>of() : listed) {
            long sequence = entry.get("sequence").asLong();
            byte[] bytes = api.document(base + "/" + sequence, org.gleaner.builder.api.DeltaStore.MAX_DELTA_BYTES);
            byte[] signature = api.document(base + "/" + sequence + ".sig");
            DeletionDelta delta;
            try {
                delta = DeltaJson.decode(bytes);
                DeltaSignature.verify(delta, bytes, signature, builderKey);
            } catch (DeltaException e) {
                throw new PullException(e.reason() == DeltaException.Reason.BAD_SIGNATURE ? PullException.Reason.BAD_SIGNATURE
                        : PullException.Reason.MALFORMED, "delta " + sequence + ": " + e.getMessage(), e);
            }
            if (!dataset.equals(delta.dataset()) || delta.sequence() != sequence) {
                throw new PullException(PullException.Reason.MALFORMED, "delta " + sequence + " names another dataset or sequence");
            }
            String name = "delta-%06d.json".formatted(sequence);
            AtomicFiles.createDirectories(dir);
            store(dir.resolve(name + ".sig"), signature);
            store(dir.resolve(name), bytes);
            List<String> versions = delta.versions().stream().map(DeletionDelta.AffectedVersion::version).toList();
            List<String> compacted = delta.versions().stream().map(DeletionDelta.AffectedVersion::compactedVersion).toList();
            progress.accept("delta " + sequence + " verified (" + delta.format() + "): removes " + delta.removedRows()
                    + " rows and re-redacts " + delta.redactedRows() + " in v" + String.join(", v", versions)
                    + " (compacted: v" + String.join(", v", compacted) + ")");
            verified.add(new VerifiedDelta(sequence, delta.format(), versions, compacted, delta.revokedGrantIds(),
                    delta.removedRows(), delta.redactedRows(), dir.resolve(name)));
        }
        return verified;
    }

    private static void store(Path target, byte[] bytes) throws IOException, PullException {
        if (Files.exists(target)) {
            if (!java.util.Arrays.equals(Files.readAllBytes(target), bytes)) {
                throw new PullException(PullException.Reason.TARGET_EXISTS, target + " exists with other bytes");
            }
            return;
        }
        Path temp = AtomicFiles.temporarySibling(target);
        Files.write(temp, bytes);
        AtomicFiles.publish(temp, target);
    }
}
