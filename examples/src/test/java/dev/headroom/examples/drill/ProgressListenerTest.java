package dev.headroom.examples.drill;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import org.junit.jupiter.api.Test;

class ProgressListenerTest {

    @Test
    void consoleRewritesOneLineAndEndsItWhenTheStepEnds() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ProgressListener console = ProgressListener.console(new PrintStream(bytes, true, UTF_8));

        console.onProgress("cache on", 1000, 3000, 1_234_567_890_123L, 1234.5, 3);
        console.onProgress("cache on", 2000, 3000, 2, 1.0, 0);
        console.onProgress("cache on", 3100, 3000, 3, 1.0, 0);

        String text = bytes.toString(UTF_8);
        String[] lines = text.split("\r", -1);
        assertThat(lines).hasSize(4);
        assertThat(lines[0]).isEmpty();
        assertThat(lines[1])
                .contains("cache on", "1.0 / 3.0 s", "1,234,567,890,123 requests", "1,234.5 rps", "3 not 2xx");
        assertThat(lines[2].length()).isEqualTo(lines[1].length()); // padded over the longer line
        assertThat(lines[3]).contains("3.1 / 3.0 s").endsWith(System.lineSeparator());
        assertThat(text.indexOf(System.lineSeparator()))
                .isEqualTo(text.length() - System.lineSeparator().length());
    }
}
