package org.gleaner.builder.service;

import org.gleaner.builder.build.DatasetBuilder;
import org.gleaner.builder.build.DatasetBuilderConfig;

/** Makes the builder of one version (tests use a cheaper extractor or no language identification). */
@FunctionalInterface
public interface BuilderFactory {
    BuilderFactory DEFAULT = DatasetBuilder::new;

    DatasetBuilder create(DatasetBuilderConfig config);
}
