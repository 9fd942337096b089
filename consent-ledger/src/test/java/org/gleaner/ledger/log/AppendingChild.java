package org.gleaner.ledger.log;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Set;
import org.gleaner.ledger.entry.EntrySigner;
import org.gleaner.ledger.state.LedgerPolicy;
import org.gleaner.protocol.crypto.Ed25519KeyPair;
import org.gleaner.protocol.ledger.KeyRegistration;
import org.gleaner.protocol.note.NoteSigner;

/**
 * Run in a child JVM by {@link CrashRecoveryIT}: appends registrations as fast as it can and prints
 * {@code ACK <index> <leaf hash>} for each acknowledged one, until it is killed.
 */
public final class AppendingChild {
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        String origin = args[1];
        Ed25519KeyPair logKey = Ed25519KeyPair.fromSeed(HexFormat.of().parseHex(args[2]));
        LedgerPolicy policy = new LedgerPolicy(origin, Set.of(), Set.of(), Duration.ofMinutes(5));
        Sequencer sequencer = new Sequencer(LedgerLog.open(dir, policy, NoteSigner.of(origin, logKey)),
                Clock.systemUTC(), 50, Duration.ofMillis(200), 1024);
        System.out.println("READY " + sequencer.log().size());
        System.out.flush();
        while (true) {
            // Several in flight at once, so that the kill also lands inside group commits.
            var futures = new java.util.ArrayList<java.util.concurrent.CompletableFuture<AppendReceipt>>();
            for (int i = 0; i < 8; i++) {
                EntrySigner subject = new EntrySigner(Ed25519KeyPair.generate(), origin);
                futures.add(sequencer.submit(subject.sign(new KeyRegistration(), System.currentTimeMillis())));
            }
            for (var future : futures) {
                AppendReceipt receipt = future.get();
                System.out.println("ACK " + receipt.index() + " " + receipt.leafHash().hex());
            }
            System.out.flush();
        }
    }
}
