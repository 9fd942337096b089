package org.gleaner.cli;

import picocli.CommandLine;

/** Reports the version from the jar manifest, or "development" when run from classes. */
public final class GleanerVersion implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = GleanerVersion.class.getPackage().getImplementationVersion();
        return new String[] {"gleaner " + (version == null ? "development" : version)};
    }
}
