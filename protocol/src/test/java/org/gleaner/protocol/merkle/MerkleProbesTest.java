package org.gleaner.protocol.merkle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Runs every JSON probe under {@code shared/testdata/merkle} (transparency-dev/merkle test data): the
 * verifier must fail exactly when the probe says {@code wantErr}. The top-level folder names the proof
 * kind; any other folder fails the test rather than being skipped.
 */
class MerkleProbesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> KINDS =
            List.of("inclusion", "consistency", "subtreeinclusion", "subtreeconsistency");

    /** The leaves of the RFC 6962 reference tree, from which the happy-path probes were built. */
    static final List<byte[]> REFERENCE_LEAVES = Stream.of("", "00", "10", "2021", "3031", "40414243",
            "5051525354555657", "606162636465666768696a6b6c6d6e6f").map(HexFormat.of()::parseHex).toList();

    @TestFactory
    Stream<DynamicNode> everyProbeMatchesWantErr() throws IOException {
        Path root = SharedTestData.find("merkle");
        Map<Path, List<Path>> byFolder = new TreeMap<>();
        for (Path file : probeFiles(root)) {
            byFolder.computeIfAbsent(root.relativize(file.getParent()), k -> new ArrayList<>()).add(file);
        }
        assertThat(byFolder).isNotEmpty();
        return byFolder.entrySet().stream().map(folder -> DynamicContainer.dynamicContainer(
                folder.getKey().toString(),
                folder.getValue().stream().map(file -> DynamicTest.dynamicTest(
                        root.relativize(file).toString(), file.toUri(), () -> runProbe(root, file)))));
    }

    @Test
    void everyFolderIsAKnownProofKind() throws IOException {
        Path root = SharedTestData.find("merkle");
        Map<String, Long> counts = probeFiles(root).stream()
                .collect(Collectors.groupingBy(f -> kind(root, f), TreeMap::new, Collectors.counting()));
        assertThat(KINDS).containsAll(counts.keySet());
        assertThat(counts.get("inclusion")).isPositive();
        assertThat(counts.get("consistency")).isPositive();
    }

    private static void runProbe(Path root, Path file) throws Exception {
        JsonNode probe = JSON.readTree(file);
        boolean wantErr = probe.get("wantErr").booleanValue();
        Verification verification = switch (kind(root, file)) {
            case "inclusion" -> () -> InclusionVerifier.verify(num(probe, "leafIdx"), num(probe, "treeSize"),
                    bytes(probe, "leafHash"), proof(probe), bytes(probe, "root"));
            case "consistency" -> () -> ConsistencyVerifier.verify(num(probe, "size1"), num(probe, "size2"),
                    bytes(probe, "root1"), bytes(probe, "root2"), proof(probe));
            case "subtreeinclusion" -> () -> SubtreeVerifier.verifyInclusion(num(probe, "leafIdx"),
                    num(probe, "start"), num(probe, "end"), bytes(probe, "leafHash"), proof(probe), bytes(probe, "root"));
            case "subtreeconsistency" -> () -> SubtreeVerifier.verifyConsistency(num(probe, "start"),
                    num(probe, "end"), num(probe, "size"), bytes(probe, "root1"), bytes(probe, "root2"), proof(probe));
            default -> throw new AssertionError("unknown probe kind for " + file);
        };
        String description = probe.get("desc").stringValue();
        if (wantErr) {
            assertThatThrownBy(verification::run).as(description).isInstanceOf(ProofVerificationException.class);
        } else {
            assertThatCode(verification::run).as(description).doesNotThrowAnyException();
        }
    }

    @Test
    void generatedProofsEqualThePublishedOnes() throws IOException {
        Path root = SharedTestData.find("merkle");
        Map<String, Integer> checked = new TreeMap<>();
        for (Path file : probeFiles(root)) {
            JsonNode probe = JSON.readTree(file);
            if (!probe.get("wantErr").booleanValue() && crossCheckGeneratedProof(kind(root, file), probe)) {
                checked.merge(kind(root, file), 1, Integer::sum);
            }
        }
        assertThat(checked).containsOnlyKeys(KINDS);
    }

    /**
     * Where a valid probe is about the reference tree, our generated proof must be the probe's proof.
     * Returns whether the probe was about the reference tree.
     */
    private static boolean crossCheckGeneratedProof(String kind, JsonNode probe) {
        MerkleTree tree = new MerkleTree();
        REFERENCE_LEAVES.forEach(tree::append);
        List<byte[]> expected = proof(probe) == null ? List.of() : proof(probe);
        switch (kind) {
            case "inclusion" -> {
                long size = num(probe, "treeSize");
                if (size <= tree.size() && Arrays.equals(tree.rootHash(size), bytes(probe, "root"))) {
                    assertThat(tree.inclusionProof(num(probe, "leafIdx"), size)).containsExactlyElementsOf(expected);
                    return true;
                }
                return false;
            }
            case "consistency" -> {
                long size2 = num(probe, "size2");
                if (size2 <= tree.size() && Arrays.equals(tree.rootHash(size2), bytes(probe, "root2"))) {
                    assertThat(tree.consistencyProof(num(probe, "size1"), size2)).containsExactlyElementsOf(expected);
                    return true;
                }
                return false;
            }
            case "subtreeconsistency" -> {
                long size = num(probe, "size");
                if (size > 0 && size <= tree.size() && Arrays.equals(tree.rootHash(size), bytes(probe, "root2"))) {
                    assertThat(MerkleProofs.subtreeConsistencyProof(tree, num(probe, "start"), num(probe, "end"), size))
                            .containsExactlyElementsOf(expected);
                    return true;
                }
                return false;
            }
            case "subtreeinclusion" -> {
                long start = num(probe, "start");
                long end = num(probe, "end");
                if (end <= tree.size() && Arrays.equals(MerkleProofs.subtreeHash(tree, start, end), bytes(probe, "root"))) {
                    assertThat(MerkleProofs.subtreeInclusionProof(tree, num(probe, "leafIdx"), start, end))
                            .containsExactlyElementsOf(expected);
                    return true;
                }
                return false;
            }
            default -> {
                return false;
            }
        }
    }

    private static List<Path> probeFiles(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        }
    }

    private static String kind(Path root, Path file) {
        return root.relativize(file).getName(0).toString();
    }

    /** JSON numbers are uint64: values of 2^63 and above come out negative, which every verifier refuses. */
    private static long num(JsonNode probe, String field) {
        JsonNode node = probe.get(field);
        if (node == null || !node.isIntegralNumber()) {
            fail("probe field " + field + " is not an integer");
        }
        return node.bigIntegerValue().longValue();
    }

    private static byte[] bytes(JsonNode probe, String field) {
        JsonNode node = probe.get(field);
        return node == null || node.isNull() ? null : Base64.getDecoder().decode(node.stringValue());
    }

    private static List<byte[]> proof(JsonNode probe) {
        JsonNode node = probe.get("proof");
        if (node == null || node.isNull()) {
            return null;
        }
        return node.values().stream().map(n -> Base64.getDecoder().decode(n.stringValue())).toList();
    }

    @FunctionalInterface
    private interface Verification {
        void run() throws ProofVerificationException;
    }
}
