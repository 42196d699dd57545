package dev.headroom.examples.drill;

import static java.util.Objects.requireNonNull;

import java.io.PrintStream;
import java.util.Locale;

/** {@link ProgressListener#console}: one line per step, rewritten in place. Not thread-safe. */
final class ConsoleProgress implements ProgressListener {

    private final PrintStream out;
    private int previousLength;

    ConsoleProgress(PrintStream out) {
        this.out = requireNonNull(out, "out");
    }

    @Override
    public void onProgress(
            String stepName, long elapsedMillis, long totalMillis, long requests, double currentRps, long nonSuccess) {
        String line = String.format(
                Locale.ROOT,
                "%-28s %5.1f / %.1f s %,12d requests %,10.1f rps %,10d not 2xx",
                stepName,
                elapsedMillis / 1000.0,
                totalMillis / 1000.0,
                requests,
                currentRps,
                nonSuccess);
        StringBuilder text = new StringBuilder("\r").append(line);
        for (int i = line.length(); i < previousLength; i++) {
            text.append(' ');
        }
        boolean ended = elapsedMillis >= totalMillis;
        if (ended) {
            text.append(System.lineSeparator());
        }
        previousLength = ended ? 0 : line.length();
        out.print(text);
        out.flush();
    }
}
