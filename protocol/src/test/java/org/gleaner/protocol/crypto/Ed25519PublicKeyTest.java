package org.gleaner.protocol.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.bouncycastle.math.ec.rfc8032.Ed25519;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class Ed25519PublicKeyTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final BigInteger P = Ed25519Encoding.P;
    private static final BigInteger L = Ed25519Encoding.L;

    /** The eight points of order dividing 8, then the non-canonical encodings of the same points. */
    static List<String> smallOrderEncodings() {
        return List.of(
                "0100000000000000000000000000000000000000000000000000000000000000",
                "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
                "0000000000000000000000000000000000000000000000000000000000000000",
                "0000000000000000000000000000000000000000000000000000000000000080",
                "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a",
                "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa",
                "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05",
                "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc85",
                "0100000000000000000000000000000000000000000000000000000000000080",
                "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",
                "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
                "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",
                "eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
                "eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff");
    }

    @ParameterizedTest
    @MethodSource("smallOrderEncodings")
    void everySmallOrderEncodingIsRefusedAsAKey(String hex) {
        byte[] encoded = HEX.parseHex(hex);
        assertThat(Ed25519.validatePublicKeyPartial(encoded, 0)).as("Bouncy Castle agrees").isFalse();
        assertThatThrownBy(() -> Ed25519PublicKey.fromBytes(encoded))
                .isInstanceOfSatisfying(InvalidKeyException.class,
                        e -> assertThat(e.reason()).isEqualTo(InvalidKeyException.Reason.SMALL_ORDER));
    }

    @ParameterizedTest
    @MethodSource("smallOrderEncodings")
    void signaturesWithASmallOrderRAreRefused(String hex) {
        Ed25519KeyPair pair = Ed25519KeyPair.generate();
        byte[] signature = pair.sign(new byte[] {1});
        System.arraycopy(HEX.parseHex(hex), 0, signature, 0, 32);
        assertThat(pair.publicKey().verify(new byte[] {1}, signature)).isFalse();
    }

    static Stream<byte[]> nonCanonicalY() {
        // y = p + k for k = 2..18 (the only unreduced values below 2^255), with either sign bit.
        return IntStream.rangeClosed(2, 18).boxed().flatMap(k -> Stream.of(false, true)
                .map(negative -> encode(P.add(BigInteger.valueOf(k)), negative)));
    }

    @ParameterizedTest
    @MethodSource("nonCanonicalY")
    void nonCanonicalYIsRefused(byte[] encoded) {
        assertThatThrownBy(() -> Ed25519PublicKey.fromBytes(encoded))
                .isInstanceOfSatisfying(InvalidKeyException.class,
                        e -> assertThat(e.reason()).isEqualTo(InvalidKeyException.Reason.NON_CANONICAL_ENCODING));
    }

    @Test
    void wrongLengthsAreRefused() {
        for (int length : new int[] {0, 31, 33, 64}) {
            assertThatThrownBy(() -> Ed25519PublicKey.fromBytes(new byte[length]))
                    .isInstanceOfSatisfying(InvalidKeyException.class,
                            e -> assertThat(e.reason()).isEqualTo(InvalidKeyException.Reason.WRONG_LENGTH));
        }
        assertThatThrownBy(() -> Ed25519PublicKey.fromBytes(null)).isInstanceOf(InvalidKeyException.class);
    }

    @Test
    void aYWithNoPointIsRefused() {
        byte[] offCurve = IntStream.range(2, 100).mapToObj(y -> encode(BigInteger.valueOf(y), false))
                .filter(e -> !Ed25519.validatePublicKeyPartial(e, 0))
                .findFirst().orElseThrow();
        assertThatThrownBy(() -> Ed25519PublicKey.fromBytes(offCurve))
                .isInstanceOfSatisfying(InvalidKeyException.class,
                        e -> assertThat(e.reason()).isEqualTo(InvalidKeyException.Reason.NOT_ON_CURVE));
    }

    @Test
    void aKeyWithATorsionComponentIsRefused() {
        byte[] mixed = addOrderTwoPoint(Ed25519KeyPair.generate().publicKey().bytes());
        assertThat(Ed25519.validatePublicKeyPartial(mixed, 0)).as("a valid curve point").isTrue();
        assertThatThrownBy(() -> Ed25519PublicKey.fromBytes(mixed))
                .isInstanceOfSatisfying(InvalidKeyException.class, e -> assertThat(e.reason())
                        .isEqualTo(InvalidKeyException.Reason.NOT_IN_PRIME_ORDER_SUBGROUP));
    }

    @Test
    void hexRoundTripsAndIsStrict() throws Exception {
        Ed25519PublicKey key = Ed25519KeyPair.generate().publicKey();
        assertThat(key.fingerprint()).matches("[0-9a-f]{64}");
        assertThat(Ed25519PublicKey.fromHex(key.fingerprint())).isEqualTo(key).hasSameHashCodeAs(key);
        assertThatThrownBy(() -> Ed25519PublicKey.fromHex(key.fingerprint().toUpperCase()))
                .isInstanceOfSatisfying(InvalidKeyException.class,
                        e -> assertThat(e.reason()).isEqualTo(InvalidKeyException.Reason.MALFORMED_TEXT));
        assertThatThrownBy(() -> Ed25519PublicKey.fromHex(key.fingerprint().substring(2)))
                .isInstanceOf(InvalidKeyException.class);
        byte[] copy = key.bytes();
        copy[0] ^= 1;
        assertThat(key.bytes()).isNotEqualTo(copy);
        assertThat(key.toString()).contains(key.fingerprint());
    }

    @Test
    void signAndVerifyRoundTrip() {
        Ed25519KeyPair pair = Ed25519KeyPair.generate();
        byte[] message = "consent granted".getBytes(StandardCharsets.UTF_8);
        byte[] signature = pair.sign(message);
        assertThat(signature).hasSize(64);
        assertThat(pair.publicKey().verify(message, signature)).isTrue();
        assertThat(Ed25519KeyPair.generate().publicKey().verify(message, signature)).isFalse();
    }

    @Test
    void anyTamperingIsRejected() {
        Ed25519KeyPair pair = Ed25519KeyPair.generate();
        byte[] message = "revocation 42".getBytes(StandardCharsets.UTF_8);
        byte[] signature = pair.sign(message);
        for (int bit = 0; bit < message.length * 8; bit++) {
            byte[] tampered = message.clone();
            tampered[bit / 8] ^= (byte) (1 << (bit % 8));
            assertThat(pair.publicKey().verify(tampered, signature)).isFalse();
        }
        for (int bit = 0; bit < 512; bit++) {
            byte[] tampered = signature.clone();
            tampered[bit / 8] ^= (byte) (1 << (bit % 8));
            assertThat(pair.publicKey().verify(message, tampered)).as("bit %d", bit).isFalse();
        }
        assertThat(pair.publicKey().verify(message, Arrays.copyOf(signature, 63))).isFalse();
        assertThat(pair.publicKey().verify(message, Arrays.copyOf(signature, 65))).isFalse();
        assertThat(pair.publicKey().verify(message, null)).isFalse();
    }

    @Test
    void nonCanonicalSIsRejected() {
        Ed25519KeyPair pair = Ed25519KeyPair.generate();
        byte[] message = {7};
        byte[] signature = pair.sign(message);
        BigInteger s = littleEndian(Arrays.copyOfRange(signature, 32, 64));
        byte[] malleated = signature.clone();
        System.arraycopy(toLittleEndian(s.add(L)), 0, malleated, 32, 32);
        assertThat(pair.publicKey().verify(message, malleated)).isFalse();
    }

    @Test
    void nonCanonicalRIsRejected() {
        Ed25519KeyPair pair = Ed25519KeyPair.generate();
        byte[] signature = pair.sign(new byte[] {3});
        System.arraycopy(encode(P.add(BigInteger.TWO), false), 0, signature, 0, 32);
        assertThat(pair.publicKey().verify(new byte[] {3}, signature)).isFalse();
    }

    /**
     * A signature whose R carries an order-2 component passes a cofactored check (Bouncy Castle's) but not
     * the cofactorless equation [S]B = R + [k]A; strict verification must reject it.
     */
    @Test
    void verificationIsCofactorless() throws Exception {
        byte[] signerSeed = HEX.parseHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
        byte[] nonceSeed = HEX.parseHex("4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb");
        Ed25519KeyPair signer = Ed25519KeyPair.fromSeed(signerSeed);
        byte[] message = "cofactor".getBytes(StandardCharsets.UTF_8);
        byte[] publicKey = signer.publicKey().bytes();
        BigInteger a = clampedScalar(signerSeed);
        BigInteger r = clampedScalar(nonceSeed);
        byte[] rB = Ed25519KeyPair.fromSeed(nonceSeed).publicKey().bytes();

        byte[] honest = forge(rB, r, a, publicKey, message);
        assertThat(signer.publicKey().verify(message, honest)).as("control: the construction is sound").isTrue();

        byte[] withTorsion = forge(addOrderTwoPoint(rB), r, a, publicKey, message);
        assertThat(Ed25519.verify(withTorsion, 0, publicKey, 0, message, 0, message.length))
                .as("a cofactored verifier accepts it").isTrue();
        assertThat(signer.publicKey().verify(message, withTorsion)).isFalse();
    }

    private static byte[] forge(byte[] encodedR, BigInteger r, BigInteger a, byte[] publicKey, byte[] message)
            throws Exception {
        MessageDigest sha512 = MessageDigest.getInstance("SHA-512");
        sha512.update(encodedR);
        sha512.update(publicKey);
        sha512.update(message);
        BigInteger k = littleEndian(sha512.digest()).mod(L);
        byte[] signature = new byte[64];
        System.arraycopy(encodedR, 0, signature, 0, 32);
        System.arraycopy(toLittleEndian(r.add(k.multiply(a)).mod(L)), 0, signature, 32, 32);
        return signature;
    }

    private static BigInteger clampedScalar(byte[] seed) throws Exception {
        byte[] h = MessageDigest.getInstance("SHA-512").digest(seed);
        h[0] &= (byte) 0xf8;
        h[31] &= 0x7f;
        h[31] |= 0x40;
        return littleEndian(Arrays.copyOf(h, 32));
    }

    /** P + (0, -1) = (-x, -y): negate y and flip the sign of x (never 0 for these points). */
    private static byte[] addOrderTwoPoint(byte[] encoded) {
        BigInteger y = Ed25519Encoding.rawY(encoded, 0);
        boolean negative = (encoded[31] & 0x80) != 0;
        return encode(P.subtract(y), !negative);
    }

    private static byte[] encode(BigInteger y, boolean xNegative) {
        byte[] encoded = toLittleEndian(y);
        if (xNegative) {
            encoded[31] |= (byte) 0x80;
        }
        return encoded;
    }

    private static BigInteger littleEndian(byte[] bytes) {
        byte[] bigEndian = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            bigEndian[i] = bytes[bytes.length - 1 - i];
        }
        return new BigInteger(1, bigEndian);
    }

    private static byte[] toLittleEndian(BigInteger value) {
        byte[] bigEndian = value.toByteArray();
        byte[] out = new byte[32];
        for (int i = 0; i < 32 && i < bigEndian.length; i++) {
            out[i] = bigEndian[bigEndian.length - 1 - i];
        }
        return out;
    }
}
