package org.gleaner.protocol.crypto;

import java.math.BigInteger;
import java.util.Set;

/** Byte-level checks on Ed25519 point and scalar encodings that Bouncy Castle does not report separately. */
final class Ed25519Encoding {
    /** The field prime p = 2^255 - 19. */
    static final BigInteger P = BigInteger.TWO.pow(255).subtract(BigInteger.valueOf(19));
    /** The prime order L of the base point. */
    static final BigInteger L = BigInteger.TWO.pow(252).add(new BigInteger("27742317777372353535851937790883648493"));

    // y coordinates of the eight points of order 1, 2, 4 and 8. Every point with one of these y values is
    // small-order, so comparing y modulo p catches all of them, including non-canonical encodings.
    private static final BigInteger ORDER8_Y =
            new BigInteger("7a03ac9277fdc74ec6cc392cfa53202a0f67100d760b3cba4fd84d3d706a17c7", 16);
    private static final Set<BigInteger> SMALL_ORDER_Y = Set.of(
            BigInteger.ZERO, BigInteger.ONE, P.subtract(BigInteger.ONE), ORDER8_Y, P.subtract(ORDER8_Y));

    private Ed25519Encoding() {
    }

    /** The 255-bit y coordinate of a 32-byte point encoding, without reducing it. */
    static BigInteger rawY(byte[] encoded, int offset) {
        byte[] bigEndian = new byte[32];
        for (int i = 0; i < 32; i++) {
            bigEndian[i] = encoded[offset + 31 - i];
        }
        bigEndian[0] &= 0x7f;
        return new BigInteger(1, bigEndian);
    }

    static boolean isCanonicalY(byte[] encoded, int offset) {
        return rawY(encoded, offset).compareTo(P) < 0;
    }

    static boolean isSmallOrder(byte[] encoded, int offset) {
        return SMALL_ORDER_Y.contains(rawY(encoded, offset).mod(P));
    }

    /** Whether the 32-byte little-endian scalar is fully reduced, S < L (RFC 8032 §5.1.7 step 1). */
    static boolean isCanonicalScalar(byte[] encoded, int offset) {
        byte[] bigEndian = new byte[32];
        for (int i = 0; i < 32; i++) {
            bigEndian[i] = encoded[offset + 31 - i];
        }
        return new BigInteger(1, bigEndian).compareTo(L) < 0;
    }
}
