package org.gleaner.systemtests.kafka;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.gleaner.systemtests.support.Environment;

/** Runs the real kcat (librdkafka's command-line client) as a subprocess. */
final class Kcat {

    /** One consumed message as kcat printed it. */
    record Message(int partition, long offset, byte[] key, byte[] value, String headers) {
    }

    /** Output of one kcat run. */
    record Result(int exitCode, byte[] stdout, String stderr) {
        String stdoutText() {
            return new String(stdout, StandardCharsets.UTF_8);
        }
    }

    /**
     * Header line with partition, offset, key length, value length and headers, then the raw key and
     * value bytes, then a newline: binary-safe because the lengths come first.
     */
    static final String FORMAT = "%p\\t%o\\t%K\\t%S\\t%h\\n%k%s\\n";

    private final Path executable;

    Kcat() {
        this.executable = Environment.findCommand("kcat|kafkacat")
                .orElseThrow(() -> new IllegalStateException("kcat (Debian package kafkacat) is not on the PATH"));
    }

    Path executable() {
        return executable;
    }

    /** {@code kcat -C -b BOOTSTRAP -t TOPIC -o beginning -e -q -f FORMAT}, parsed. */
    List<Message> consumeAll(String bootstrap, String topic, Duration timeout) throws IOException, InterruptedException {
        Result r = run(timeout, "-C", "-b", bootstrap, "-t", topic, "-o", "beginning", "-e", "-q", "-f", FORMAT);
        if (r.exitCode() != 0) {
            throw new IllegalStateException("kcat exited with " + r.exitCode() + ": " + r.stderr());
        }
        return parse(r.stdout());
    }

    /** {@code kcat -L -b BOOTSTRAP -t TOPIC}: the metadata listing. */
    String metadata(String bootstrap, String topic, Duration timeout) throws IOException, InterruptedException {
        Result r = run(timeout, "-L", "-b", bootstrap, "-t", topic);
        if (r.exitCode() != 0) {
            throw new IllegalStateException("kcat -L exited with " + r.exitCode() + ": " + r.stderr());
        }
        return r.stdoutText();
    }

    Result run(Duration timeout, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(executable.toString());
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.PIPE).start();
        p.getOutputStream().close();
        CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> readAll(p.getInputStream()));
        CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
        if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("kcat did not finish within " + timeout + ": " + String.join(" ", command));
        }
        return new Result(p.exitValue(), out.join(), new String(err.join(), StandardCharsets.UTF_8));
    }

    static List<Message> parse(byte[] out) {
        List<Message> messages = new ArrayList<>();
        int pos = 0;
        while (pos < out.length) {
            int eol = indexOf(out, (byte) '\n', pos);
            if (eol < 0) {
                throw new IllegalStateException("truncated kcat output at byte " + pos);
            }
            String[] fields = new String(out, pos, eol - pos, StandardCharsets.UTF_8).split("\t", 5);
            if (fields.length != 5) {
                throw new IllegalStateException("unexpected kcat header line: " + String.join("|", fields));
            }
            int partition = Integer.parseInt(fields[0]);
            long offset = Long.parseLong(fields[1]);
            int keyLength = Integer.parseInt(fields[2]);
            int valueLength = Integer.parseInt(fields[3]);
            pos = eol + 1;
            byte[] key = keyLength < 0 ? null : slice(out, pos, keyLength);
            pos += Math.max(0, keyLength);
            byte[] value = valueLength < 0 ? null : slice(out, pos, valueLength);
            pos += Math.max(0, valueLength);
            if (pos >= out.length || out[pos] != '\n') {
                throw new IllegalStateException("kcat record at partition " + partition + " offset " + offset
                        + " not followed by a newline");
            }
            pos++;
            messages.add(new Message(partition, offset, key, value, fields[4]));
        }
        return messages;
    }

    private static byte[] slice(byte[] b, int from, int length) {
        if (from + length > b.length) {
            throw new IllegalStateException("truncated kcat output");
        }
        byte[] r = new byte[length];
        System.arraycopy(b, from, r, 0, length);
        return r;
    }

    private static int indexOf(byte[] b, byte x, int from) {
        for (int i = from; i < b.length; i++) {
            if (b[i] == x) {
                return i;
            }
        }
        return -1;
    }

    private static byte[] readAll(InputStream in) {
        try (in; ByteArrayOutputStream buffer = new ByteArrayOutputStream()) {
            in.transferTo(buffer);
            return buffer.toByteArray();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
