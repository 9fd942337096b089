package org.gleaner.builder.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class VersionOrderTest {
    @Test
    void aCompactedVersionSortsRightAfterItsBaseAndBeforeTheNextBase() {
        List<String> versions = new ArrayList<>(List.of("2", "1-d000002", "10", "1", "1-d000001", "2-d000003", "beta"));

        versions.sort(VersionOrder.ORDER);

        assertThat(versions).containsExactly("1", "1-d000001", "1-d000002", "2", "2-d000003", "10", "beta");
    }

    @Test
    void aNameThatOnlyLooksCompactedIsOrderedAsText() {
        assertThat(VersionOrder.compare("x-d12", "x")).isPositive();
        assertThat(VersionOrder.compare("1-d000001", "1-d000001")).isZero();
    }
}
