package org.gleaner.protocol.crypto;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * A validated Ed25519 public key (RFC 8032), immutable, compared by its 32 encoded bytes.
 *
 * <p>{@link #fromBytes} accepts only canonical encodings of points in the prime-order subgroup: the
 * eight small-order points (in canonical and non-canonical encodings), non-canonical y coordinates,
 * points off the curve and mixed-order points are refused with a typed {@link InvalidKeyException}.
 *
 * <p>{@link #verify} is strict and cofactorless (RFC 8032 §5.1.7, checking {@code [S]B = R + [k]A}):
 * the signature must be 64 bytes, S must be below L, and R must be a canonical encoding of a point in
 * the prime-order subgroup. Bouncy Castle's verifier multiplies the group equation by the cofactor, so
 * on its own it would accept an R carrying a small-order component; because A is already known to be in
 * the prime-order subgroup, also requiring it of R makes the cofactored check equivalent to the
 * cofactorless one, so this class accepts exactly what a strict cofactorless verifier accepts.
 */
public final class Ed25519PublicKey {
    public static final int LENGTH = 32;
    public static final int SIGNATURE_LENGTH = 64;

    private static final HexFormat HEX = HexFormat.of();

    private final byte[] encoded;
    private final Ed25519.PublicPoint point;

    private Ed25519PublicKey(byte[] encoded, Ed25519.PublicPoint point) {
        this.encoded = encoded;
        this.point = point;
    }

    /** Validates and wraps a 32-byte RFC 8032 public key encoding. */
    public static Ed25519PublicKey fromBytes(byte[] encoded) throws InvalidKeyException {
        if (encoded == null || encoded.length != LENGTH) {
            throw new InvalidKeyException(InvalidKeyException.Reason.WRONG_LENGTH,
                    "Ed25519 public key must be " + LENGTH + " bytes, got "
                            + (encoded == null ? "null" : encoded.length));
        }
        byte[] copy = encoded.clone();
        if (Ed25519Encoding.isSmallOrder(copy, 0)) {
            throw new InvalidKeyException(InvalidKeyException.Reason.SMALL_ORDER,
                    "Ed25519 public key is a small-order point");
        }
        if (!Ed25519Encoding.isCanonicalY(copy, 0)) {
            throw new InvalidKeyException(InvalidKeyException.Reason.NON_CANONICAL_ENCODING,
                    "Ed25519 public key has a non-canonical y coordinate (y >= 2^255 - 19)");
        }
        if (!Ed25519.validatePublicKeyPartial(copy, 0)) {
            throw new InvalidKeyException(InvalidKeyException.Reason.NOT_ON_CURVE,
                    "Ed25519 public key is not a point on the curve");
        }
        Ed25519.PublicPoint point = Ed25519.validatePublicKeyFullExport(copy, 0);
        if (point == null) {
            throw new InvalidKeyException(InvalidKeyException.Reason.NOT_IN_PRIME_ORDER_SUBGROUP,
                    "Ed25519 public key is not in the prime-order subgroup");
        }
        return new Ed25519PublicKey(copy, point);
    }

    /** Parses a {@link #fingerprint()}: exactly 64 lowercase hex digits. */
    public static Ed25519PublicKey fromHex(String hex) throws InvalidKeyException {
        if (hex == null || hex.length() != 2 * LENGTH) {
            throw new InvalidKeyException(InvalidKeyException.Reason.WRONG_LENGTH,
                    "Ed25519 public key hex must be " + 2 * LENGTH + " characters");
        }
        for (int i = 0; i < hex.length(); i++) {
            char c = hex.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                throw new InvalidKeyException(InvalidKeyException.Reason.MALFORMED_TEXT,
                        "Ed25519 public key hex must be lowercase hexadecimal");
            }
        }
        return fromBytes(HEX.parseHex(hex));
    }

    /** A copy of the 32-byte encoding. */
    public byte[] bytes() {
        return encoded.clone();
    }

    /** Lowercase hex of the 32 key bytes; used as the node id. */
    public String fingerprint() {
        return HEX.formatHex(encoded);
    }

    /** Strict RFC 8032 verification; see the class documentation for the exact rules. */
    public boolean verify(byte[] message, byte[] signature) {
        Objects.requireNonNull(message, "message");
        if (signature == null || signature.length != SIGNATURE_LENGTH) {
            return false;
        }
        if (!Ed25519Encoding.isCanonicalScalar(signature, 32)) {
            return false;
        }
        // Cheap byte checks first; the full check below also covers them but costs a scalar multiplication.
        if (Ed25519Encoding.isSmallOrder(signature, 0) || !Ed25519Encoding.isCanonicalY(signature, 0)) {
            return false;
        }
        if (!Ed25519.validatePublicKeyFull(signature, 0)) {
            return false;
        }
        return Ed25519.verify(signature, 0, point, message, 0, message.length);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Ed25519PublicKey k && Arrays.equals(encoded, k.encoded);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(encoded);
    }

    @Override
    public String toString() {
        return "Ed25519PublicKey[" + fingerprint() + "]";
    }
}
