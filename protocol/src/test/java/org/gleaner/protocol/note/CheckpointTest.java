package org.gleaner.protocol.note;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.gleaner.protocol.merkle.ConsistencyVerifier;
import org.gleaner.protocol.merkle.MerkleTree;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CheckpointTest {
    private static final String ROOT = "CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=";

    @Test
    void parsesTheSpecExample() throws Exception {
        Checkpoint checkpoint = Checkpoint.parse("example.com/behind-the-sofa\n20852163\n" + ROOT + "\n");
        assertThat(checkpoint.origin()).isEqualTo("example.com/behind-the-sofa");
        assertThat(checkpoint.size()).isEqualTo(20852163);
        assertThat(checkpoint.rootHash()).isEqualTo(Base64.getDecoder().decode(ROOT));
        assertThat(checkpoint.extensions()).isEmpty();
        assertThat(checkpoint.toNoteText()).isEqualTo("example.com/behind-the-sofa\n20852163\n" + ROOT + "\n");
    }

    @Test
    void roundTripsWithExtensionLines() throws Exception {
        Checkpoint checkpoint = new Checkpoint("gleaner.test/ledger", 0, new byte[32], List.of("ext one", "— two"));
        Checkpoint parsed = Checkpoint.parse(checkpoint.toNoteText());
        assertThat(parsed).isEqualTo(checkpoint).hasSameHashCodeAs(checkpoint);
        assertThat(parsed.extensions()).containsExactly("ext one", "— two");
        assertThat(checkpoint.toNoteText()).startsWith("gleaner.test/ledger\n0\n");
    }

    @Test
    void signedCheckpointsCarryTreeHeadsThatAuditorsCanLink() throws Exception {
        NoteSigner log = NoteSigner.generate("gleaner.test/ledger");
        MerkleTree tree = new MerkleTree();
        for (int i = 0; i < 10; i++) {
            tree.append(new byte[] {(byte) i});
        }
        byte[] older = new Checkpoint(log.name(), 7, tree.rootHash(7)).sign(log);
        byte[] newer = new Checkpoint(log.name(), 10, tree.rootHash()).sign(log);

        Checkpoint first = Checkpoint.parse(SignedNote.open(older, log.verifier()).text());
        Checkpoint second = Checkpoint.parse(SignedNote.open(newer, log.verifier()).text());
        ConsistencyVerifier.verify(first.size(), second.size(), first.rootHash(), second.rootHash(),
                tree.consistencyProof(first.size(), second.size()));

        String forged = new String(newer, StandardCharsets.UTF_8).replace("\n10\n", "\n11\n");
        assertThatThrownBy(() -> SignedNote.open(forged.getBytes(StandardCharsets.UTF_8), log.verifier()))
                .isInstanceOf(NoteException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "origin\n1\n" + ROOT,
        "origin\n1\n",
        "\n1\n" + ROOT + "\n",
        "origin\n\n" + ROOT + "\n",
        "origin\n01\n" + ROOT + "\n",
        "origin\n-1\n" + ROOT + "\n",
        "origin\n+1\n" + ROOT + "\n",
        "origin\n1.0\n" + ROOT + "\n",
        "origin\n 1\n" + ROOT + "\n",
        "origin\n0x10\n" + ROOT + "\n",
        "origin\n9223372036854775808\n" + ROOT + "\n",
        "origin\n18446744073709551616\n" + ROOT + "\n",
        "origin\n1\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I\n",
        "origin\n1\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2J=\n",
        "origin\n1\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jx\n",
        "origin\n1\nCsUYapGGPo4dkMgIAUqom_Xajj7h2fB2MPA3j2jxq2I=\n",
        "origin\n1\n" + ROOT + "\n\n",
        "origin\n1\n" + ROOT + "\nextension\n\n",
        "ori\tgin\n1\n" + ROOT + "\n",
        "origin\n1\n" + ROOT + "\nbad\u0001extension\n",
    })
    void invalidCheckpointsAreRejected(String text) {
        assertThatThrownBy(() -> Checkpoint.parse(text)).isInstanceOf(MalformedCheckpointException.class);
    }

    @Test
    void largestSizeIsAccepted() throws Exception {
        assertThat(Checkpoint.parse("o\n9223372036854775807\n" + ROOT + "\n").size()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void invalidValuesCannotBeBuilt() {
        assertThatThrownBy(() -> new Checkpoint("", 1, new byte[32])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Checkpoint("a\nb", 1, new byte[32])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Checkpoint("o", -1, new byte[32])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Checkpoint("o", 1, new byte[31])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Checkpoint("o", 1, new byte[32], List.of(""))).isInstanceOf(IllegalArgumentException.class);
    }
}
