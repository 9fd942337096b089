package org.gleaner.builder.parquet;

import java.nio.file.Path;

/** A published dataset file: where it is, how many rows it holds, its size and its SHA-256 (lowercase hex). */
public record WrittenFile(Path path, long rows, long bytes, String sha256) {
}
