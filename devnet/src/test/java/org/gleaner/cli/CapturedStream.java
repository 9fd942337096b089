package org.gleaner.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What a command printed on stdout or stderr during one test:
 * {@code @RegisterExtension final CapturedStream err = CapturedStream.stderr();}. The original stream is put back
 * after each test.
 */
public final class CapturedStream implements BeforeEachCallback, AfterEachCallback {
    private final Supplier<PrintStream> current;
    private final Consumer<PrintStream> replace;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private PrintStream original;

    private CapturedStream(Supplier<PrintStream> current, Consumer<PrintStream> replace) {
        this.current = current;
        this.replace = replace;
    }

    public static CapturedStream stdout() {
        return new CapturedStream(() -> System.out, System::setOut);
    }

    public static CapturedStream stderr() {
        return new CapturedStream(() -> System.err, System::setErr);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        original = current.get();
        replace.accept(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    }

    @Override
    public void afterEach(ExtensionContext context) {
        replace.accept(original);
    }

    /** Everything printed since the test began or since the last {@link #reset()}. */
    public String text() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** Forgets what was printed so far. */
    public void reset() {
        bytes.reset();
    }
}
