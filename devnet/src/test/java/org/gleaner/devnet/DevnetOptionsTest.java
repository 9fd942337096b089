package org.gleaner.devnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DevnetOptionsTest {

    @Test
    void aMisbehavingNodeNeedsTwoHonestOnes() {
        assertThat(new DevnetOptions(Path.of("x"), 3, Duration.ofSeconds(1), false, false).withMisbehavingNode()).isTrue();
        assertThat(new DevnetOptions(Path.of("x"), 1, Duration.ofSeconds(1), false, true).withMisbehavingNode()).isFalse();
        assertThatThrownBy(() -> new DevnetOptions(Path.of("x"), 2, Duration.ofSeconds(1), false, false))
                .hasMessageContaining("--honest");
    }

    @Test
    void refusesOutOfRangeNodesAndTimeouts() {
        assertThatThrownBy(() -> new DevnetOptions(Path.of("x"), 9, Duration.ofSeconds(1), false, true)).hasMessageContaining("--nodes");
        assertThatThrownBy(() -> new DevnetOptions(Path.of("x"), 3, Duration.ZERO, false, true)).hasMessageContaining("--timeout");
    }
}
