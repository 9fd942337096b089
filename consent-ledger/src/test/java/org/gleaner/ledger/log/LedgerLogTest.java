package org.gleaner.ledger.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.gleaner.ledger.TestLedger.NOW;
import static org.gleaner.ledger.TestLedger.commitment;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.gleaner.ledger.TestLedger;
import org.gleaner.ledger.entry.EntrySigner;
import org.gleaner.ledger.state.EntryRejectedException;
import org.gleaner.ledger.state.RejectionReason;
import org.gleaner.protocol.crypto.Ed25519KeyPair;
import org.gleaner.protocol.merkle.ConsistencyVerifier;
import org.gleaner.protocol.merkle.InclusionVerifier;
import org.gleaner.protocol.merkle.MerkleHash;
import org.gleaner.protocol.note.Checkpoint;
import org.gleaner.protocol.note.SignedNote;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LedgerLogTest {
    private final TestLedger t = new TestLedger();
    private final Clock clock = Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC);
    @TempDir
    Path dir;

    private Sequencer open(long checkpointEvery) throws Exception {
        return new Sequencer(LedgerLog.open(dir, t.policy, t.noteSigner()), clock, checkpointEvery, Duration.ofHours(1), 1024);
    }

    private static void closeAll(Sequencer sequencer) throws Exception {
        sequencer.close();
        sequencer.log().close();
    }

    private List<AppendReceipt> registerMany(Sequencer sequencer, int n) throws Exception {
        List<CompletableFuture<AppendReceipt>> futures = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            futures.add(sequencer.submit(TestLedger.register(TestLedger.subject(Ed25519KeyPair.generate()))));
        }
        List<AppendReceipt> receipts = new ArrayList<>();
        for (CompletableFuture<AppendReceipt> future : futures) {
            receipts.add(future.get());
        }
        return receipts;
    }

    @Test
    void appendsInOrderAndServesVerifiableProofsAndCheckpoints() throws Exception {
        Sequencer sequencer = open(10);
        List<AppendReceipt> receipts = registerMany(sequencer, 37);
        for (int i = 0; i < receipts.size(); i++) {
            assertThat(receipts.get(i).index()).isEqualTo(i);
        }
        LedgerLog log = sequencer.log();
        byte[] note = sequencer.checkpointNow();
        Checkpoint checkpoint = Checkpoint.parse(SignedNote.open(note, t.noteSigner().verifier()).text());
        assertThat(checkpoint.size()).isEqualTo(37);
        assertThat(checkpoint.origin()).isEqualTo(TestLedger.ORIGIN);
        for (int i = 0; i < 37; i++) {
            byte[] leaf = MerkleHash.leafHash(log.entry(i));
            assertThat(leaf).isEqualTo(receipts.get(i).leafHash().toArray());
            InclusionVerifier.verify(i, 37, leaf, log.inclusionProof(i, 37), checkpoint.rootHash());
        }
        for (long old = 1; old <= 37; old++) {
            ConsistencyVerifier.verify(old, 37, log.rootHash(old), checkpoint.rootHash(), log.consistencyProof(old, 37));
        }
        assertThatThrownBy(() -> log.inclusionProof(37, 37)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> log.consistencyProof(1, 38)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> log.consistencyProof(0, 37)).isInstanceOf(IndexOutOfBoundsException.class);
        closeAll(sequencer);
    }

    @Test
    void signsACheckpointEveryConfiguredNumberOfEntries() throws Exception {
        Sequencer sequencer = open(10);
        for (int i = 0; i < 25; i++) {
            sequencer.append(TestLedger.register(TestLedger.subject(Ed25519KeyPair.generate())));
        }
        Checkpoint latest = Checkpoint.parse(SignedNote.open(sequencer.log().latestCheckpoint(), t.noteSigner().verifier()).text());
        assertThat(latest.size()).isEqualTo(20);
        assertThat(Files.size(dir.resolve(LedgerLog.CHECKPOINTS))).isPositive();
        closeAll(sequencer);
    }

    @Test
    void refusedEntriesAppendNothingAndDoNotDisturbTheirBatch() throws Exception {
        Sequencer sequencer = open(1000);
        EntrySigner alice = TestLedger.subject(Ed25519KeyPair.generate());
        var registration = TestLedger.register(alice);
        CompletableFuture<AppendReceipt> first = sequencer.submit(registration);
        CompletableFuture<AppendReceipt> replay = sequencer.submit(registration);
        CompletableFuture<AppendReceipt> other = sequencer.submit(TestLedger.register(TestLedger.subject(Ed25519KeyPair.generate())));
        assertThat(first.get().index()).isZero();
        assertThatThrownBy(replay::get).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOfSatisfying(EntryRejectedException.class,
                        e -> assertThat(e.reason()).isEqualTo(RejectionReason.REPLAYED_NONCE));
        assertThat(other.get().index()).isEqualTo(1);
        assertThatThrownBy(() -> sequencer.append(TestLedger.revoke(alice, commitment(5))))
                .isInstanceOf(EntryRejectedException.class);
        assertThat(sequencer.log().size()).isEqualTo(2);
        closeAll(sequencer);
    }

    @Test
    void reopeningRebuildsTreeStateAndCheckpoint() throws Exception {
        Sequencer sequencer = open(5);
        EntrySigner alice = TestLedger.subject(Ed25519KeyPair.generate());
        var registration = TestLedger.register(alice);
        sequencer.append(registration);
        registerMany(sequencer, 11);
        byte[] note = sequencer.checkpointNow();
        byte[] root = sequencer.log().rootHash(12);
        closeAll(sequencer);

        Sequencer reopened = open(5);
        assertThat(reopened.log().size()).isEqualTo(12);
        assertThat(reopened.log().rootHash(12)).isEqualTo(root);
        assertThat(reopened.log().latestCheckpoint()).isEqualTo(note);
        assertThatThrownBy(() -> reopened.append(registration))
                .isInstanceOfSatisfying(EntryRejectedException.class, e -> assertThat(e.reason()).isEqualTo(RejectionReason.REPLAYED_NONCE));
        assertThat(reopened.append(TestLedger.register(TestLedger.subject(Ed25519KeyPair.generate()))).index()).isEqualTo(12);
        closeAll(reopened);
    }

    @Test
    void aTornFinalWriteIsCutOffButDamageInsideTheLogIsRefused() throws Exception {
        Sequencer sequencer = open(1000);
        registerMany(sequencer, 5);
        closeAll(sequencer);
        Path entries = dir.resolve(LedgerLog.ENTRIES);
        long fullSize = Files.size(entries);

        try (RandomAccessFile file = new RandomAccessFile(entries.toFile(), "rw")) {
            file.setLength(fullSize - 7);
        }
        Sequencer afterTear = open(1000);
        assertThat(afterTear.log().size()).isEqualTo(4);
        assertThat(afterTear.append(TestLedger.register(TestLedger.subject(Ed25519KeyPair.generate()))).index()).isEqualTo(4);
        closeAll(afterTear);

        try (RandomAccessFile file = new RandomAccessFile(entries.toFile(), "rw")) {
            file.seek(40);
            int b = file.read();
            file.seek(40);
            file.write(b ^ 0xFF);
        }
        assertThatThrownBy(() -> LedgerLog.open(dir, t.policy, t.noteSigner()))
                .isInstanceOf(LedgerStorageException.class).hasMessageContaining("checksum");
    }

    @Test
    void anEntryRewrittenWithAValidChecksumIsRefusedOnReplay() throws Exception {
        Sequencer sequencer = open(1000);
        registerMany(sequencer, 3);
        closeAll(sequencer);
        Path entries = dir.resolve(LedgerLog.ENTRIES);
        byte[] all = Files.readAllBytes(entries);
        int length = java.nio.ByteBuffer.wrap(all, 0, 4).getInt();
        all[8 + length - 1] ^= 0x01; // last byte of the first entry's signature
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        crc.update(all, 8, length);
        java.nio.ByteBuffer.wrap(all, 4, 4).putInt((int) crc.getValue());
        Files.write(entries, all);
        assertThatThrownBy(() -> LedgerLog.open(dir, t.policy, t.noteSigner()))
                .isInstanceOf(LedgerStorageException.class).hasMessageContaining("stored entry 0 is refused").hasMessageContaining("L102");
    }

    @Test
    void aLogTruncatedBelowItsSignedCheckpointRefusesToOpen() throws Exception {
        Sequencer sequencer = open(1000);
        registerMany(sequencer, 6);
        sequencer.checkpointNow();
        closeAll(sequencer);
        Path entries = dir.resolve(LedgerLog.ENTRIES);
        byte[] all = Files.readAllBytes(entries);
        // Keep exactly the first five whole frames: a clean cut, as a deliberate rewrite would make.
        int position = 0;
        for (int i = 0; i < 5; i++) {
            position += 8 + java.nio.ByteBuffer.wrap(all, position, 4).getInt();
        }
        Files.write(entries, java.util.Arrays.copyOf(all, position));
        assertThatThrownBy(() -> LedgerLog.open(dir, t.policy, t.noteSigner()))
                .isInstanceOf(LedgerStorageException.class).hasMessageContaining("rewritten or truncated");
    }
}
