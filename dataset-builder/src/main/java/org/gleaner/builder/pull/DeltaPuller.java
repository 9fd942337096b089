package org.gleaner.builder.pull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.gleaner.builder.publish.AtomicFiles;
import org.gleaner.protocol.note.NoteVerifier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Fetches the deletion deltas a lab holding a version must apply, checks each one's signature against the
 * pinned builder key and that it names this dataset and its sequence, and stores it (with its signature) in
 * {@code DIR/DATASET/deltas/}, each file published atomically. A delta already stored with the same bytes is
 * kept; one with other bytes is an error, as published deltas never change.
 */
public final class DeltaPuller {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final DatasetApiClient api;
    private final NoteVerifier builderKey;
    private final Consumer<String> progress;

    public DeltaPuller(DatasetApiClient api, NoteVerifier builderKey, Consumer<String> progress) {
        this.api = Objects.requireNonNull(api);
        this.builderKey = Objects.requireNonNull(builderKey);
        this.progress = Objects.requireNonNull(progress);
    }

    /** @param rowIds how many row ids the delta removes, over all files and versions it names */
    public record VerifiedDelta(long sequence, List<String> affectedVersions, long rowIds, Path file) {
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
            DeltaSignature.verify(dataset, sequence, bytes, signature, builderKey);
            JsonNode delta;
            try {
                delta = JSON.readTree(bytes);
            } catch (RuntimeException e) {
                throw new PullException(PullException.Reason.MALFORMED, "delta " + sequence + " is not JSON", e);
            }
            if (!dataset.equals(delta.path("dataset").asString(null)) || delta.path("sequence").asLong(-1) != sequence) {
                throw new PullException(PullException.Reason.MALFORMED, "delta " + sequence + " names another dataset or sequence");
            }
            String name = "delta-%06d.json".formatted(sequence);
            AtomicFiles.createDirectories(dir);
            store(dir.resolve(name + ".sig"), signature);
            store(dir.resolve(name), bytes);
            List<String> versions = new ArrayList<>();
            delta.path("affected_versions").forEach(v -> versions.add(v.isObject() ? v.path("version").asString() : v.asString()));
            long rowIds = delta.findValues("row_ids").stream().mapToLong(JsonNode::size).sum();
            progress.accept("delta " + sequence + " verified: removes " + rowIds + " rows from v" + String.join(", v", versions));
            verified.add(new VerifiedDelta(sequence, List.copyOf(versions), rowIds, dir.resolve(name)));
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
