package dev.headroom.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keeps the README true: every {@code java} block in it compiles against all modules, and the test
 * command CI runs is the one the README gives.
 *
 * <p>A block holds statements, optionally preceded by the imports they need; it is compiled as the
 * body of a method that may throw.
 */
class ReadmeSnippetsTest {

    private static final Pattern JAVA_BLOCK = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);

    @TempDir
    @SuppressWarnings("NullAway.Init") // JUnit sets it before each test.
    Path classes;

    @TestFactory
    List<DynamicTest> everyJavaSnippetCompiles() throws IOException {
        String readme = Files.readString(ProjectFiles.root().resolve("README.md"), StandardCharsets.UTF_8);
        Matcher blocks = JAVA_BLOCK.matcher(readme);
        List<DynamicTest> tests = new ArrayList<>();
        while (blocks.find()) {
            int number = tests.size() + 1;
            int line = readme.substring(0, blocks.start()).split("\n", -1).length;
            String snippet = blocks.group(1);
            tests.add(DynamicTest.dynamicTest(
                    "README.md snippet " + number + " (line " + line + ")",
                    () -> assertCompiles("Snippet" + number, snippet)));
        }
        assertThat(tests).as("java snippets in README.md").isNotEmpty();
        return tests;
    }

    @Test
    void ciRunsTheReadmeTestCommand() throws IOException {
        Path root = ProjectFiles.root();
        String readme = Files.readString(root.resolve("README.md"), StandardCharsets.UTF_8);
        String ci = Files.readString(root.resolve(".ci/run"), StandardCharsets.UTF_8);
        String command = ci.lines()
                .filter(l -> l.startsWith("./mvnw"))
                .findFirst()
                .orElseThrow(() -> new AssertionError(".ci/run runs no ./mvnw command"));

        assertThat(readme).contains("\n" + command + "\n");
    }

    private void assertCompiles(String className, String snippet) {
        StringBuilder imports = new StringBuilder();
        StringBuilder body = new StringBuilder();
        for (String line : snippet.lines().toList()) {
            (line.startsWith("import ") ? imports : body).append(line).append('\n');
        }
        String source =
                imports + "class " + className + " {\n  static void snippet() throws Exception {\n" + body + "  }\n}\n";
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        StringWriter diagnostics = new StringWriter();
        boolean compiled = compiler.getTask(
                        diagnostics,
                        null,
                        null,
                        List.of(
                                "--release",
                                "17",
                                "-proc:none",
                                "-d",
                                classes.toString(),
                                "-classpath",
                                System.getProperty("java.class.path")),
                        null,
                        List.of(new Source(className, source)))
                .call();

        assertThat(compiled)
                .as("README snippet compiles:\n%s\n%s", source, diagnostics)
                .isTrue();
    }

    /** A source file held in memory. */
    private static final class Source extends SimpleJavaFileObject {
        private final String code;

        Source(String className, String code) {
            super(URI.create("string:///" + className + ".java"), JavaFileObject.Kind.SOURCE);
            this.code = code;
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return code;
        }
    }
}
