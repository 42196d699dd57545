package dev.headroom.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.headroom.testsupport.RedisExtension;
import dev.headroom.testsupport.TestRedis;
import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A user who depends on {@code headroom-core} alone and follows the README's core section gets a
 * program that compiles and runs: the section's first snippet is compiled and run, against a real
 * Redis, on exactly the runtime class path Maven resolves for this project (headroom-core plus its
 * non-optional dependencies), never on the test's own class path.
 */
@ExtendWith(RedisExtension.class)
class CoreReadmeSnippetIT {

    private static final Pattern CORE_SECTION = Pattern.compile("\n## core\n(.*?)\n## ", Pattern.DOTALL);
    private static final Pattern JAVA_BLOCK = Pattern.compile("```java\n(.*?)```", Pattern.DOTALL);

    @TempDir
    @SuppressWarnings("NullAway.Init") // JUnit sets it before each test.
    Path work;

    @Test
    void theReadmeCoreSnippetRunsOnHeadroomCoreAndItsDeclaredDependenciesAlone(TestRedis redis) throws Exception {
        List<String> classPath = consumerClassPath();
        assertThat(classPath)
                .as("the consumer's runtime class path holds headroom-core")
                .anyMatch(entry -> entry.contains("headroom-core")
                        || entry.replace('\\', '/').contains("/core/target/"));
        Path classes = Files.createDirectories(work.resolve("classes"));

        compile(mainClassOf(firstCoreSnippet()), classPath, classes);
        ProcessBuilder builder = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        classes + File.pathSeparator + String.join(File.pathSeparator, classPath),
                        "ReadmeCoreSnippet")
                .redirectErrorStream(true)
                .redirectOutput(work.resolve("output.txt").toFile());
        builder.environment().put("REDIS_URL", redis.uri());
        Process run = builder.start();

        assertThat(run.waitFor(60, TimeUnit.SECONDS))
                .as("the snippet ends within 60 s")
                .isTrue();
        String output = Files.readString(work.resolve("output.txt"), StandardCharsets.UTF_8);
        assertThat(run.exitValue()).as("exit status; output:\n%s", output).isZero();
        assertThat(output).contains("connected to HeadroomRedis[" + redis.uri() + "]: true");
    }

    private static List<String> consumerClassPath() throws IOException {
        String file = System.getProperty("consumer.classpath.file");
        assertThat(file)
                .as("consumer.classpath.file, written by maven-dependency-plugin")
                .isNotBlank();
        String text = Files.readString(Path.of(file), StandardCharsets.UTF_8).strip();
        return new ArrayList<>(Arrays.asList(text.split(Pattern.quote(File.pathSeparator))));
    }

    private static String firstCoreSnippet() throws IOException {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("README.md"))) {
            dir = dir.getParent();
        }
        assertThat(dir).as("a README.md above the working directory").isNotNull();
        String readme = Files.readString(dir.resolve("README.md"), StandardCharsets.UTF_8);
        Matcher section = CORE_SECTION.matcher(readme);
        assertThat(section.find()).as("README.md has a '## core' section").isTrue();
        Matcher block = JAVA_BLOCK.matcher(section.group(1));
        assertThat(block.find()).as("the core section has a java snippet").isTrue();
        return block.group(1);
    }

    /** A snippet is statements, optionally preceded by imports; it becomes the body of main. */
    private static String mainClassOf(String snippet) {
        StringBuilder imports = new StringBuilder();
        StringBuilder body = new StringBuilder();
        for (String line : snippet.lines().toList()) {
            (line.startsWith("import ") ? imports : body).append(line).append('\n');
        }
        return imports
                + "public class ReadmeCoreSnippet {\n  public static void main(String[] args) throws Exception {\n"
                + body + "  }\n}\n";
    }

    private void compile(String source, List<String> classPath, Path classes) throws IOException {
        Path file = work.resolve("ReadmeCoreSnippet.java");
        Files.writeString(file, source, StandardCharsets.UTF_8);
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        StringWriter diagnostics = new StringWriter();
        boolean compiled;
        try (StandardJavaFileManager files = compiler.getStandardFileManager(null, null, StandardCharsets.UTF_8)) {
            compiled = compiler.getTask(
                            diagnostics,
                            files,
                            null,
                            List.of(
                                    "--release",
                                    "17",
                                    "-proc:none",
                                    "-d",
                                    classes.toString(),
                                    "-classpath",
                                    String.join(File.pathSeparator, classPath)),
                            null,
                            files.getJavaFileObjects(file.toFile()))
                    .call();
        }
        assertThat(compiled)
                .as("the README core snippet compiles on the consumer's class path:\n%s\n%s", source, diagnostics)
                .isTrue();
    }
}
