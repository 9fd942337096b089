package org.gleaner.devnet.ledger;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.gleaner.ledger.state.EntryRejectedException;
import org.gleaner.ledger.state.EntryVerifier;
import org.gleaner.ledger.state.VerifiedEntry;
import org.gleaner.protocol.codec.Bytes;
import org.gleaner.protocol.ledger.RewardRoot;
import org.gleaner.protocol.merkle.InclusionVerifier;
import org.gleaner.protocol.merkle.MerkleHash;
import org.gleaner.protocol.merkle.ProofVerificationException;
import org.gleaner.protocol.note.Checkpoint;
import org.gleaner.protocol.note.MalformedCheckpointException;
import org.gleaner.protocol.note.NoteException;
import org.gleaner.protocol.note.SignedNote;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads ledger entries through the REST API as an outsider would: each entry's signature is checked and its
 * inclusion proof verified against a signed checkpoint.
 */
public final class LedgerEntries {
    private static final int MAX_RESPONSE = 1 << 20;

    private final DevnetLedger ledger;
    private final String origin;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final JsonMapper json = JsonMapper.builder().build();

    public LedgerEntries(DevnetLedger ledger, String origin) {
        this.ledger = ledger;
        this.origin = origin;
    }

    /** A reward root found in the ledger: its entry index and the checkpoint size its inclusion was proved against. */
    public record FoundRewardRoot(long index, long checkpointSize) {
    }

    /** Looks for the reward-root entry of {@code epoch} with {@code rootHash} under the checkpoint in {@code note}. */
    public Optional<FoundRewardRoot> findRewardRoot(long epoch, Bytes rootHash, byte[] note)
            throws IOException, InterruptedException {
        Checkpoint checkpoint = open(note);
        for (long i = checkpoint.size() - 1; i >= 0; i--) {
            JsonNode entry = get("/v1/entries/" + i + "?treeSize=" + checkpoint.size());
            byte[] leaf = Base64.getDecoder().decode(entry.path("entry").asString());
            VerifiedEntry verified;
            try {
                verified = EntryVerifier.decodeAndVerify(leaf, origin);
            } catch (EntryRejectedException e) {
                throw new IOException("ledger entry " + i + " does not verify: " + e.getMessage(), e);
            }
            if (verified.payload() instanceof RewardRoot root && root.epoch() == epoch && root.rootHash().equals(rootHash)) {
                List<byte[]> proof = new ArrayList<>();
                entry.path("inclusionProof").forEach(h -> proof.add(Base64.getDecoder().decode(h.asString())));
                try {
                    InclusionVerifier.verify(i, checkpoint.size(), MerkleHash.leafHash(leaf), proof, checkpoint.rootHash());
                } catch (ProofVerificationException e) {
                    throw new IOException("the reward root's inclusion proof does not verify: " + e.getMessage(), e);
                }
                return Optional.of(new FoundRewardRoot(i, checkpoint.size()));
            }
        }
        return Optional.empty();
    }

    private Checkpoint open(byte[] note) throws IOException {
        try {
            return Checkpoint.parse(SignedNote.open(note, ledger.checkpointKey()).text());
        } catch (NoteException | MalformedCheckpointException e) {
            throw new IOException("the checkpoint does not verify with the ledger key: " + e.getMessage(), e);
        }
    }

    private JsonNode get(String path) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(ledger.url() + path))
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200 || response.body().length > MAX_RESPONSE) {
            throw new IOException("the ledger answered HTTP " + response.statusCode() + " for " + path);
        }
        return json.readTree(response.body());
    }
}
