package dev.headroom.examples;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the project's own files from a test, whatever directory the build runs it in. */
public final class ProjectFiles {

    private ProjectFiles() {}

    /**
     * Returns the project's root: the nearest directory above the working directory with {@code .ci/run}.
     *
     * @return the root
     */
    public static Path root() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve(".ci/run"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new AssertionError(
                    "no project root (with .ci/run) above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }

    /**
     * Reads the README.
     *
     * @return its text
     * @throws IOException if it cannot be read
     */
    public static String readme() throws IOException {
        return Files.readString(root().resolve("README.md"), StandardCharsets.UTF_8);
    }
}
