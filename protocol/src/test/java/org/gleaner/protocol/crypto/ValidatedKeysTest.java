package org.gleaner.protocol.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.gleaner.protocol.codec.Bytes;
import org.junit.jupiter.api.Test;

class ValidatedKeysTest {

    @Test
    void returnsTheValidatedKeyAndReusesIt() throws Exception {
        ValidatedKeys keys = new ValidatedKeys(4);
        Ed25519PublicKey key = Ed25519KeyPair.generate().publicKey();
        Ed25519PublicKey first = keys.get(Bytes.of(key.bytes()));
        assertThat(first).isEqualTo(key);
        assertThat(keys.get(Bytes.of(key.bytes()))).isSameAs(first);
    }

    @Test
    void invalidKeysAreRefusedEveryTime() {
        ValidatedKeys keys = new ValidatedKeys(4);
        Bytes identity = Bytes.fromHex("0100000000000000000000000000000000000000000000000000000000000000");
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> keys.get(identity)).isInstanceOf(InvalidKeyException.class);
        }
    }

    @Test
    void staysCorrectPastItsCapacity() throws Exception {
        ValidatedKeys keys = new ValidatedKeys(2);
        for (int i = 0; i < 10; i++) {
            Ed25519PublicKey key = Ed25519KeyPair.generate().publicKey();
            assertThat(keys.get(Bytes.of(key.bytes()))).isEqualTo(key);
        }
    }
}
