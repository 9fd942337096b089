package org.gleaner.ledger.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.gleaner.ledger.TestLedger.NOW;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.gleaner.ledger.TestLedger;
import org.gleaner.ledger.entry.EntrySigner;
import org.gleaner.ledger.state.EntryRejectedException;
import org.gleaner.ledger.state.GrantStatus;
import org.gleaner.ledger.state.RejectionReason;
import org.gleaner.protocol.codec.Bytes;
import org.gleaner.protocol.codec.Signed;
import org.gleaner.protocol.crypto.Ed25519KeyPair;
import org.gleaner.protocol.ledger.LedgerEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Start-up from a state snapshot: a restart reads and verifies only the entries after the snapshot and ends
 * in the same state and tree as a full replay; a damaged snapshot or leaf index is noticed and the log is
 * replayed from the start instead; a log cut below the snapshot still refuses to open.
 */
class LedgerSnapshotTest {
    private static final long SNAPSHOT_EVERY = 20;
    private final TestLedger t = new TestLedger();
    private final Clock clock = Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC);
    @TempDir
    Path dir;
    private final List<Signed<LedgerEntry>> appended = new ArrayList<>();
    private final List<EntrySigner> subjects = new ArrayList<>();
    private final List<Ed25519KeyPair> keys = new ArrayList<>();

    private Sequencer open() throws Exception {
        return new Sequencer(LedgerLog.open(dir, t.policy, t.noteSigner(), SNAPSHOT_EVERY), clock, 1000, Duration.ofHours(1), 1024);
    }

    private static void closeAll(Sequencer sequencer) throws Exception {
        sequencer.close();
        sequencer.log().close();
    }

    /** Registrations, bindings, grants and a revocation, so every part of the state is in the snapshot. */
    private void appendMixed(Sequencer sequencer, int subjectsToAdd) throws Exception {
        for (int i = 0; i < subjectsToAdd; i++) {
            Ed25519KeyPair key = Ed25519KeyPair.generate();
            EntrySigner subject = TestLedger.subject(key);
            subjects.add(subject);
            keys.add(key);
            int n = subjects.size();
            append(sequencer, TestLedger.register(subject));
            append(sequencer, t.bind(key, TestLedger.commitment(n)));
            AppendReceipt grant = append(sequencer, subject.sign(TestLedger.grant(List.of(TestLedger.commitment(n)), "train-ai"), NOW));
            if (n % 2 == 0) {
                append(sequencer, TestLedger.revoke(subject, grant.leafHash()));
            }
        }
    }

    private AppendReceipt append(Sequencer sequencer, Signed<LedgerEntry> entry) throws Exception {
        AppendReceipt receipt = sequencer.append(entry);
        appended.add(entry);
        return receipt;
    }

    private record Fingerprint(long size, String root, List<String> grants) {
    }

    private static Fingerprint fingerprint(LedgerLog log) {
        List<String> grants = log.state().allGrants().stream()
                .sorted(java.util.Comparator.comparingLong(GrantStatus::index))
                .map(g -> g.grantId().hex() + "@" + g.index() + "/" + g.revokedAtIndex() + "/" + g.subjectId().hex()).toList();
        return new Fingerprint(log.size(), Bytes.of(log.rootHash(log.size())).hex(), grants);
    }

    @Test
    void aRestartReadsOnlyTheEntriesAfterTheSnapshot() throws Exception {
        Sequencer sequencer = open();
        appendMixed(sequencer, 8);                 // 28 entries
        sequencer.checkpointNow();                 // snapshot at 28 (>= 20 since none)
        appendMixed(sequencer, 2);                 // 7 more, not in the snapshot
        Fingerprint before = fingerprint(sequencer.log());
        closeAll(sequencer);
        assertThat(before.size()).isEqualTo(35);

        Sequencer reopened = open();
        assertThat(reopened.log().replayedOnOpen()).isEqualTo(7);
        assertThat(fingerprint(reopened.log())).isEqualTo(before);
        // The restored state still refuses what it refused before: a replayed entry (its nonce was used)
        // and a second registration of a subject from inside the snapshot.
        assertThatThrownBy(() -> reopened.append(appended.get(0)))
                .isInstanceOfSatisfying(EntryRejectedException.class, e -> assertThat(e.reason()).isEqualTo(RejectionReason.REPLAYED_NONCE));
        assertThatThrownBy(() -> reopened.append(TestLedger.register(subjects.get(0))))
                .isInstanceOfSatisfying(EntryRejectedException.class, e -> assertThat(e.reason()).isEqualTo(RejectionReason.ALREADY_REGISTERED));
        // A subject from the snapshot can still act: revoke its grant (subject 1's grant is still active).
        GrantStatus first = reopened.log().state().grantsOfSubject(TestLedger.key(keys.get(0))).get(0);
        assertThat(first.revokedAtIndex()).isEqualTo(-1);
        reopened.append(TestLedger.revoke(subjects.get(0), first.grantId()));
        assertThat(reopened.log().inclusionProof(3, reopened.log().size())).isNotEmpty();
        closeAll(reopened);

        Files.delete(dir.resolve(LedgerLog.SNAPSHOT));
        Sequencer full = open();
        assertThat(full.log().replayedOnOpen()).isEqualTo(36);
        closeAll(full);
    }

    @Test
    void aCorruptedSnapshotIsDetectedAndTheLogReplayedInFull() throws Exception {
        Sequencer sequencer = open();
        appendMixed(sequencer, 6);                 // 21 entries
        sequencer.checkpointNow();
        Fingerprint before = fingerprint(sequencer.log());
        closeAll(sequencer);
        Path snapshot = dir.resolve(LedgerLog.SNAPSHOT);
        assertThat(snapshot).exists();

        flipByte(snapshot, Files.size(snapshot) / 2);
        Sequencer reopened = open();
        assertThat(reopened.log().replayedOnOpen()).isEqualTo(21);
        assertThat(fingerprint(reopened.log())).isEqualTo(before);
        // The next snapshot is written afresh and used.
        appendMixed(reopened, 6);
        reopened.checkpointNow();
        Fingerprint later = fingerprint(reopened.log());
        closeAll(reopened);
        Sequencer again = open();
        assertThat(again.log().replayedOnOpen()).isZero();
        assertThat(fingerprint(again.log())).isEqualTo(later);
        closeAll(again);
    }

    @Test
    void aLeafIndexThatDisagreesWithTheSnapshotIsNotTrusted() throws Exception {
        Sequencer sequencer = open();
        appendMixed(sequencer, 6);
        sequencer.checkpointNow();
        Fingerprint before = fingerprint(sequencer.log());
        closeAll(sequencer);

        flipByte(dir.resolve(LedgerLog.INDEX), LeafIndex.RECORD * 3 + 20);   // a leaf hash inside the snapshot
        Sequencer reopened = open();
        assertThat(reopened.log().replayedOnOpen()).isEqualTo(before.size());
        assertThat(fingerprint(reopened.log())).isEqualTo(before);
        closeAll(reopened);
    }

    @Test
    void aLogCutBelowTheSnapshotStillRefusesToOpen() throws Exception {
        Sequencer sequencer = open();
        appendMixed(sequencer, 6);
        sequencer.checkpointNow();
        closeAll(sequencer);
        Path entries = dir.resolve(LedgerLog.ENTRIES);
        byte[] all = Files.readAllBytes(entries);
        int position = 0;
        for (int i = 0; i < 10; i++) {
            position += 8 + java.nio.ByteBuffer.wrap(all, position, 4).getInt();
        }
        Files.write(entries, java.util.Arrays.copyOf(all, position));
        assertThatThrownBy(() -> LedgerLog.open(dir, t.policy, t.noteSigner(), SNAPSHOT_EVERY))
                .isInstanceOf(LedgerStorageException.class).hasMessageContaining("rewritten or truncated");
    }

    @Test
    void anEntryForgedAfterTheSnapshotIsRefusedOnReplay() throws Exception {
        Sequencer sequencer = open();
        appendMixed(sequencer, 6);                 // 21 entries, snapshot at 21
        sequencer.checkpointNow();
        appendMixed(sequencer, 1);                 // entries 21..23
        closeAll(sequencer);
        Path entries = dir.resolve(LedgerLog.ENTRIES);
        long lastFrameEnd = Files.size(entries);
        // Flip the last byte of the last entry (its signature) and fix the checksum: a deliberate edit.
        byte[] all = Files.readAllBytes(entries);
        int position = 0;
        int lastStart = 0;
        while (position < lastFrameEnd) {
            lastStart = position;
            position += 8 + java.nio.ByteBuffer.wrap(all, position, 4).getInt();
        }
        int length = java.nio.ByteBuffer.wrap(all, lastStart, 4).getInt();
        all[lastStart + 8 + length - 1] ^= 0x01;
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        crc.update(all, lastStart + 8, length);
        java.nio.ByteBuffer.wrap(all, lastStart + 4, 4).putInt((int) crc.getValue());
        Files.write(entries, all);
        assertThatThrownBy(() -> LedgerLog.open(dir, t.policy, t.noteSigner(), SNAPSHOT_EVERY))
                .isInstanceOf(LedgerStorageException.class).hasMessageContaining("stored entry 23 is refused");
    }

    private static void flipByte(Path file, long at) throws Exception {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(at);
            int b = raf.read();
            raf.seek(at);
            raf.write(b ^ 0xFF);
        }
    }
}
