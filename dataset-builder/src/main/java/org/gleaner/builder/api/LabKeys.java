package org.gleaner.builder.api;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The labs allowed to call the dataset API. Each lab holds a random bearer key ({@code glk_} and 43 base64url
 * characters: 256 bits); the server keeps only the key's SHA-256, in a keys file of lines
 * {@code LAB sha256:HEX} ({@code #} starts a comment). A presented key is hashed and compared with every
 * stored hash in constant time, so neither the match nor its position leaks through timing.
 */
public final class LabKeys {
    public static final String KEY_PREFIX = "glk_";
    public static final int MAX_KEYS = 10_000;
    static final Pattern LAB_NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    private static final Pattern LINE = Pattern.compile("(" + LAB_NAME.pattern() + ") sha256:([0-9a-f]{64})");
    private static final int MAX_KEY_CHARS = 256;
    private static final SecureRandom RANDOM = new SecureRandom();

    private record Entry(String lab, byte[] hash) {
    }

    private final List<Entry> entries;

    private LabKeys(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /** Reads a keys file; a malformed line is an error naming its line number, never a skipped key. */
    public static LabKeys load(Path keysFile) throws IOException {
        List<String> lines = Files.readAllLines(keysFile, StandardCharsets.UTF_8);
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            var m = LINE.matcher(line);
            if (!m.matches()) {
                throw new IllegalArgumentException(keysFile.getFileName() + " line " + (i + 1)
                        + ": expected 'LAB sha256:HEX' (LAB matching " + LAB_NAME + ")");
            }
            entries.add(new Entry(m.group(1), HexFormat.of().parseHex(m.group(2))));
        }
        if (entries.size() > MAX_KEYS) {
            throw new IllegalArgumentException(keysFile.getFileName() + " holds more than " + MAX_KEYS + " keys");
        }
        return new LabKeys(entries);
    }

    /** Keys of the given labs (for tests and for a server configured in code): lab name to key. */
    public static LabKeys of(java.util.Map<String, String> keysByLab) {
        List<Entry> entries = new ArrayList<>();
        keysByLab.forEach((lab, key) -> entries.add(new Entry(requireLabName(lab), sha256(key))));
        return new LabKeys(entries);
    }

    /** A fresh random key. */
    public static String generateKey() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return KEY_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The keys-file line for a lab's key: what the server stores instead of the key. */
    public static String keysFileLine(String lab, String key) {
        return requireLabName(lab) + " sha256:" + HexFormat.of().formatHex(sha256(key));
    }

    /** The lab whose key is this {@code Authorization} header's bearer token, if any. */
    public Optional<String> authenticate(String authorization) {
        if (authorization == null || authorization.length() > MAX_KEY_CHARS + 7
                || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        byte[] presented = sha256(authorization.substring(7).strip());
        String lab = null;
        for (Entry e : entries) {
            if (MessageDigest.isEqual(e.hash(), presented) && lab == null) {
                lab = e.lab();
            }
        }
        return Optional.ofNullable(lab);
    }

    public int size() {
        return entries.size();
    }

    static String requireLabName(String lab) {
        if (lab == null || !LAB_NAME.matcher(lab).matches()) {
            throw new IllegalArgumentException("a lab name must match " + LAB_NAME);
        }
        return lab;
    }

    private static byte[] sha256(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by the Java platform", e);
        }
    }

    @Override
    public String toString() {
        return "LabKeys[" + entries.size() + " keys]";
    }
}
