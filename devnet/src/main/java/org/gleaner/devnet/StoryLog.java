package org.gleaner.devnet;

import java.io.PrintStream;
import java.util.Locale;

/**
 * The devnet's running commentary: one line per step, with the seconds since the run started. On a terminal
 * a status line (the crawl's progress) is rewritten in place, and story lines from other threads are printed
 * above it; elsewhere the status is printed as an ordinary line.
 */
public final class StoryLog {
    private final PrintStream out;
    private final boolean terminal;
    private final long startedNanos = System.nanoTime();
    private String status;

    public StoryLog(PrintStream out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    public synchronized void say(String message) {
        if (terminal && status != null) {
            out.print("\r" + " ".repeat(status.length()) + "\r");
        }
        out.println(prefix() + message);
        if (terminal && status != null) {
            out.print(status);
            out.flush();
        }
    }

    /** Shows the status line: rewritten in place on a terminal, printed as a line otherwise. */
    synchronized void status(String text) {
        String line = prefix() + text;
        if (!terminal) {
            out.println(line);
            return;
        }
        int pad = status == null ? 0 : Math.max(0, status.length() - line.length());
        out.print("\r" + line + " ".repeat(pad));
        out.flush();
        status = line;
    }

    /** Leaves the last status line on screen and goes back to ordinary lines. */
    synchronized void endStatus() {
        if (terminal && status != null) {
            out.println();
        }
        status = null;
    }

    boolean terminal() {
        return terminal;
    }

    private String prefix() {
        return String.format(Locale.ROOT, "[devnet %5.1fs] ", (System.nanoTime() - startedNanos) / 1e9);
    }
}
