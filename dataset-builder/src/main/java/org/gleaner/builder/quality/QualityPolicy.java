package org.gleaner.builder.quality;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The build's quality filter: the thresholds rows are judged by and whether failing rows are flagged or
 * dropped. Read from a configuration file ({@link QualityConfig} format); {@link #defaults()} is the file
 * {@code default-quality.properties} next to this class, with the thresholds published with the Gopher, C4 and
 * FineWeb rules.
 */
public record QualityPolicy(QualityThresholds thresholds, QualityAction action) {
    /** Configuration files are small; anything bigger is refused before it is read. */
    public static final long MAX_CONFIG_BYTES = 64 * 1024;
    static final String DEFAULTS_RESOURCE = "default-quality.properties";
    private static final QualityPolicy DEFAULTS = loadDefaults();

    public QualityPolicy {
        Objects.requireNonNull(thresholds, "thresholds");
        Objects.requireNonNull(action, "action");
    }

    /** The published thresholds (Gopher, C4, FineWeb), flagging rather than dropping. */
    public static QualityPolicy defaults() {
        return DEFAULTS;
    }

    /** This policy with another action. */
    public QualityPolicy withAction(QualityAction a) {
        return new QualityPolicy(thresholds, a);
    }

    /** The rules {@code signals} fail under this policy's thresholds (see {@link QualityThresholds#failures}). */
    public List<String> failures(QualitySignals signals, String language) {
        return thresholds.failures(signals, language);
    }

    /** Reads a configuration file (UTF-8, at most {@value #MAX_CONFIG_BYTES} bytes). */
    public static QualityPolicy load(Path file) throws QualityConfigException {
        try {
            long size = Files.size(file);
            if (size > MAX_CONFIG_BYTES) {
                throw new QualityConfigException(file + ": " + size + " bytes, more than the limit of "
                        + MAX_CONFIG_BYTES);
            }
            return QualityConfig.parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
        } catch (IOException e) {
            throw new QualityConfigException(file + ": cannot read (" + e.getClass().getSimpleName() + ")", e);
        }
    }

    private static QualityPolicy loadDefaults() {
        try (InputStream in = QualityPolicy.class.getResourceAsStream(DEFAULTS_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + DEFAULTS_RESOURCE);
            }
            return QualityConfig.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), DEFAULTS_RESOURCE);
        } catch (IOException | QualityConfigException e) {
            throw new IllegalStateException("the default quality configuration is broken", e);
        }
    }
}
