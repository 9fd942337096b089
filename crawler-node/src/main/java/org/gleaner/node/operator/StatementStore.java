package org.gleaner.node.operator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.gleaner.protocol.codec.MalformedRecordException;
import org.gleaner.protocol.reward.StatementBundle;
import org.gleaner.protocol.io.AtomicFiles;

/**
 * The epoch statements this node received, one file per epoch ({@code statements/epoch-N.bin}, the same bytes
 * {@code gleaner rewards verify --statement} reads), so the operator keeps them after the coordinator moves on.
 * Keeps the newest {@link #MAX_KEPT}. Files are kept as received: checking them is a separate step.
 */
public final class StatementStore {
    public static final int MAX_KEPT = 200;
    private static final Pattern NAME = Pattern.compile("epoch-(\\d{1,18})\\.bin");

    private final Path dir;

    public StatementStore(Path dir) {
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    /** Keeps {@code bundle} under its epoch; returns false if that epoch was already kept. */
    public synchronized boolean keep(StatementBundle bundle) throws IOException {
        Files.createDirectories(dir);
        Path file = file(bundle.statement().record().epoch());
        if (Files.exists(file)) {
            return false;
        }
        AtomicFiles.writeOwnerOnly(file, bundle.encode().toArray());
        prune();
        return true;
    }

    /** Epochs kept, newest first. */
    public synchronized List<Long> epochs() throws IOException {
        return new ArrayList<>(files().descendingKeySet());
    }

    public synchronized Optional<StatementBundle> read(long epoch) throws IOException, MalformedRecordException {
        Path file = file(epoch);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        if (Files.size(file) > StatementBundle.MAX_ENCODED) {
            throw new MalformedRecordException("statement file over " + StatementBundle.MAX_ENCODED + " bytes");
        }
        return Optional.of(StatementBundle.decode(Files.readAllBytes(file)));
    }

    public Path file(long epoch) {
        return dir.resolve("epoch-" + epoch + ".bin");
    }

    private TreeMap<Long, Path> files() throws IOException {
        TreeMap<Long, Path> out = new TreeMap<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (Stream<Path> list = Files.list(dir)) {
            list.forEach(p -> {
                Matcher m = NAME.matcher(p.getFileName().toString());
                if (m.matches()) {
                    out.put(Long.parseLong(m.group(1)), p);
                }
            });
        }
        return out;
    }

    private void prune() throws IOException {
        TreeMap<Long, Path> all = files();
        while (all.size() > MAX_KEPT) {
            Files.deleteIfExists(all.pollFirstEntry().getValue());
        }
    }
}
