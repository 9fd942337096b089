package org.gleaner.builder.service;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LoopbackHostTest {
    @Test
    void loopbackNamesWithOrWithoutAPortAreThisMachine() {
        assertThat(LoopbackHost.named("127.0.0.1:9464")).isTrue();
        assertThat(LoopbackHost.named("127.0.0.1")).isTrue();
        assertThat(LoopbackHost.named("127.3.2.1:80")).isTrue();
        assertThat(LoopbackHost.named("localhost:9464")).isTrue();
        assertThat(LoopbackHost.named("LOCALHOST")).isTrue();
        assertThat(LoopbackHost.named("[::1]:9464")).isTrue();
        assertThat(LoopbackHost.named("[::1]")).isTrue();
    }

    @Test
    void otherNamesAndMalformedHeadersAreNot() {
        assertThat(LoopbackHost.named(null)).isFalse();
        assertThat(LoopbackHost.named("")).isFalse();
        assertThat(LoopbackHost.named("rebound.example:9464")).isFalse();
        assertThat(LoopbackHost.named("abc.de")).isFalse();
        assertThat(LoopbackHost.named("10.0.0.1:9464")).isFalse();
        assertThat(LoopbackHost.named("[::]:1")).isFalse();
        assertThat(LoopbackHost.named("127.0.0.1:x")).isFalse();
        assertThat(LoopbackHost.named("127.0.0.1:9464:1")).isFalse();
        assertThat(LoopbackHost.named("[::1]x")).isFalse();
        assertThat(LoopbackHost.named("[::1")).isFalse();
        assertThat(LoopbackHost.named("127.0.0.1:" + "1".repeat(80))).isFalse();
    }
}
