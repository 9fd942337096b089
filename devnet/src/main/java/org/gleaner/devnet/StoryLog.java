package org.gleaner.devnet;

import java.io.PrintStream;
import java.util.Locale;

/** The devnet's running commentary: one line per step, with the seconds since the run started. */
public final class StoryLog {
    private final PrintStream out;
    private final long startedNanos = System.nanoTime();

    public StoryLog(PrintStream out) {
        this.out = out;
    }

    public void say(String message) {
        out.println(prefix() + message);
    }

    String prefix() {
        return String.format(Locale.ROOT, "[devnet %5.1fs] ", (System.nanoTime() - startedNanos) / 1e9);
    }

    PrintStream stream() {
        return out;
    }
}
