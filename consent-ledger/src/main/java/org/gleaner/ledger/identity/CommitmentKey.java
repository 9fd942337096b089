package org.gleaner.ledger.identity;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.EnumSet;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.gleaner.protocol.codec.Bytes;
import org.gleaner.protocol.codec.CanonicalWriter;

/**
 * The ledger-held secret behind identifier commitments: commitment = HMAC-SHA256(secret,
 * "gleaner-commitment-v1" || kind || normalized identifier), canonically encoded. Without the secret nobody
 * can test a guessed email address or phone number against the log; the ledger's authenticated,
 * rate-limited lookup is the only way from an identifier to its commitment.
 */
public final class CommitmentKey {
    public static final int SECRET_BYTES = 32;
    private static final String CONTEXT = "gleaner-commitment-v1";

    private final SecretKeySpec key;

    private CommitmentKey(byte[] secret) {
        if (secret.length != SECRET_BYTES) {
            throw new IllegalArgumentException("commitment secret must be " + SECRET_BYTES + " bytes");
        }
        this.key = new SecretKeySpec(secret, "HmacSHA256");
    }

    public static CommitmentKey of(byte[] secret) {
        return new CommitmentKey(secret.clone());
    }

    public static CommitmentKey generate() {
        byte[] secret = new byte[SECRET_BYTES];
        new SecureRandom().nextBytes(secret);
        return new CommitmentKey(secret);
    }

    /** Loads the secret file, creating it owner-only when missing; refuses a file others can read. */
    public static CommitmentKey loadOrCreate(Path file) throws IOException {
        if (!Files.exists(file)) {
            byte[] secret = new byte[SECRET_BYTES];
            new SecureRandom().nextBytes(secret);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(
                    EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE)));
            Files.write(file, secret);
            return new CommitmentKey(secret);
        }
        var permissions = Files.getPosixFilePermissions(file);
        if (!EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE).containsAll(permissions)) {
            throw new IOException("commitment secret " + file + " must be readable by its owner only (chmod 600)");
        }
        byte[] secret = Files.readAllBytes(file);
        if (secret.length != SECRET_BYTES) {
            Arrays.fill(secret, (byte) 0);
            throw new IOException("commitment secret " + file + " must hold exactly " + SECRET_BYTES + " bytes");
        }
        return new CommitmentKey(secret);
    }

    public Bytes commit(NormalizedIdentifier identifier) {
        byte[] message = new CanonicalWriter(128).string(CONTEXT).u8(identifier.kind().code())
                .bytes(identifier.value().getBytes(StandardCharsets.UTF_8)).toByteArray();
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return Bytes.of(mac.doFinal(message));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required by the Java platform", e);
        }
    }

    @Override
    public String toString() {
        return "CommitmentKey[secret]";
    }
}
