package org.gleaner.node.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.gleaner.node.HostLog;
import org.gleaner.node.NodeCounters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeDataDirCountersTest {
    @TempDir
    Path dir;

    @Test
    void countersRoundTripOwnerOnlyAndStartAtZero() throws Exception {
        try (NodeDataDir data = new NodeDataDir(dir.resolve("n"))) {
            data.open();
            assertThat(data.counters()).isEqualTo(NodeCounters.NONE);
            NodeCounters counters = new NodeCounters(3, 300, 900, 2, 1000, 200, 5, Map.of("timeout", 1L, "robots", 2L),
                    List.of(new HostLog.Entry(1_700_000_000_000L, "a.example", "200", 321)));
            data.writeCounters(counters);
            assertThat(data.counters()).isEqualTo(counters);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data.path().resolve(NodeDataDir.COUNTERS))))
                    .isEqualTo("rw-------");
        }
    }

    @Test
    void aMalformedOrHostileCountersFileIsATypedErrorThatSaysWhatToDo() throws Exception {
        try (NodeDataDir data = new NodeDataDir(dir.resolve("n"))) {
            data.open();
            Path file = data.path().resolve(NodeDataDir.COUNTERS);
            for (String bad : List.of("{not json", "{\"pages\":-1}", "{\"errors\":{\"<script>\":1}}", "[]")) {
                Files.writeString(file, bad);
                assertThatThrownBy(data::counters).isInstanceOf(IOException.class).hasMessageContaining("move it away");
            }
            Files.write(file, new byte[300 * 1024]);
            assertThatThrownBy(data::counters).isInstanceOf(IOException.class).hasMessageContaining("over");
        }
    }
}
