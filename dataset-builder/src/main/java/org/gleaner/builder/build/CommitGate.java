package org.gleaner.builder.build;

import java.io.IOException;
import org.gleaner.builder.manifest.StagedManifest;

/**
 * How a finished build's staged manifest gets published: {@link #DIRECT} commits it at once; the long-running
 * service passes one that publishes it together with a compaction when a revocation arrived during the build.
 */
@FunctionalInterface
public interface CommitGate {
    CommitGate DIRECT = staged -> {
        staged.commit();
    };

    /** Publishes {@code staged} (its files, card and signature are written); must not return before it is. */
    void commit(StagedManifest staged) throws IOException;
}
