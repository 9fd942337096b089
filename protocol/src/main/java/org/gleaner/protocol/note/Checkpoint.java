package org.gleaner.protocol.note;

import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.gleaner.protocol.merkle.MerkleHash;

/**
 * A C2SP tlog-checkpoint body (https://c2sp.org/tlog-checkpoint): origin, tree size, RFC 9162 root hash
 * and optional extension lines, each line ending in a newline.
 *
 * <p>Strict: the origin and extension lines must be non-empty and free of control characters; the size
 * is decimal without sign or leading zeros and at most 2^63 - 1; the root is the canonical padded
 * base64 of exactly 32 bytes.
 */
public final class Checkpoint {
    private static final Pattern DECIMAL = Pattern.compile("0|[1-9][0-9]*");

    private final String origin;
    private final long size;
    private final byte[] rootHash;
    private final List<String> extensions;

    public Checkpoint(String origin, long size, byte[] rootHash) {
        this(origin, size, rootHash, List.of());
    }

    public Checkpoint(String origin, long size, byte[] rootHash, List<String> extensions) {
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(rootHash, "rootHash");
        Objects.requireNonNull(extensions, "extensions");
        String problem = lineProblem(origin, "origin");
        for (String extension : extensions) {
            problem = problem != null ? problem : lineProblem(extension, "extension line");
        }
        if (problem == null && size < 0) {
            problem = "tree size must not be negative";
        }
        if (problem == null && rootHash.length != MerkleHash.SIZE) {
            problem = "root hash must be " + MerkleHash.SIZE + " bytes";
        }
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        this.origin = origin;
        this.size = size;
        this.rootHash = rootHash.clone();
        this.extensions = List.copyOf(extensions);
    }

    /** Parses checkpoint note text (as returned by {@link SignedNote#text()}). */
    public static Checkpoint parse(String text) throws MalformedCheckpointException {
        Objects.requireNonNull(text, "text");
        if (!text.endsWith("\n")) {
            throw new MalformedCheckpointException("checkpoint must end with a newline");
        }
        String[] lines = text.substring(0, text.length() - 1).split("\n", -1);
        if (lines.length < 3) {
            throw new MalformedCheckpointException("checkpoint needs origin, size and root hash lines");
        }
        for (int i = 0; i < lines.length; i++) {
            String problem = lineProblem(lines[i], i == 0 ? "origin" : "line " + (i + 1));
            if (problem != null) {
                throw new MalformedCheckpointException(problem);
            }
        }
        if (!DECIMAL.matcher(lines[1]).matches()) {
            throw new MalformedCheckpointException("tree size must be decimal digits without leading zeros");
        }
        long size;
        try {
            size = Long.parseLong(lines[1]);
        } catch (NumberFormatException e) {
            throw new MalformedCheckpointException("tree size is too large");
        }
        byte[] root;
        try {
            root = Base64.getDecoder().decode(lines[2]);
        } catch (IllegalArgumentException e) {
            throw new MalformedCheckpointException("root hash is not valid base64");
        }
        if (root.length != MerkleHash.SIZE || !Base64.getEncoder().encodeToString(root).equals(lines[2])) {
            throw new MalformedCheckpointException("root hash must be the padded base64 of " + MerkleHash.SIZE + " bytes");
        }
        return new Checkpoint(lines[0], size, root, Arrays.asList(lines).subList(3, lines.length));
    }

    /** The note text: one line each for origin, size, root hash and every extension. */
    public String toNoteText() {
        StringBuilder text = new StringBuilder()
                .append(origin).append('\n')
                .append(size).append('\n')
                .append(Base64.getEncoder().encodeToString(rootHash)).append('\n');
        extensions.forEach(line -> text.append(line).append('\n'));
        return text.toString();
    }

    /** The signed note carrying this checkpoint. */
    public byte[] sign(NoteSigner... signers) throws NoteException {
        return SignedNote.sign(toNoteText(), signers);
    }

    public String origin() {
        return origin;
    }

    public long size() {
        return size;
    }

    public byte[] rootHash() {
        return rootHash.clone();
    }

    public List<String> extensions() {
        return extensions;
    }

    private static String lineProblem(String line, String what) {
        if (line.isEmpty()) {
            return what + " must not be empty";
        }
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c < 0x20) {
                return what + " contains a control character";
            }
            if (Character.isSurrogate(c)
                    && !(Character.isHighSurrogate(c) && i + 1 < line.length() && Character.isLowSurrogate(line.charAt(i + 1)))
                    && !(Character.isLowSurrogate(c) && i > 0 && Character.isHighSurrogate(line.charAt(i - 1)))) {
                return what + " is not valid Unicode";
            }
        }
        return null;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Checkpoint c && size == c.size && origin.equals(c.origin)
                && Arrays.equals(rootHash, c.rootHash) && extensions.equals(c.extensions);
    }

    @Override
    public int hashCode() {
        return Objects.hash(origin, size, Arrays.hashCode(rootHash), extensions);
    }

    @Override
    public String toString() {
        return "Checkpoint[" + origin + " " + size + " " + Base64.getEncoder().encodeToString(rootHash) + "]";
    }
}
