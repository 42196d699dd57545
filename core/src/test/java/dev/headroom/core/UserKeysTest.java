package dev.headroom.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UserKeysTest {

    @Test
    void aPlainKeyIsItsOwnCanonicalForm() {
        String key = "user-42";
        String longest = "k".repeat(UserKeys.MAX_PLAIN_BYTES);

        assertThat(UserKeys.canonical(key)).isSameAs(key);
        assertThat(UserKeys.canonical(longest)).isSameAs(longest);
        assertThat(UserKeys.canonical(" ")).isEqualTo(" ");
        assertThat(UserKeys.canonical("org:7/user 9")).isEqualTo("org:7/user 9");
    }

    @Test
    void bracesPercentSignsAndTheHashMarkAreEscaped() {
        assertThat(UserKeys.canonical("{a}")).isEqualTo("%7Ba%7D");
        assertThat(UserKeys.canonical("%7Ba%7D")).isEqualTo("%257Ba%257D");
        assertThat(UserKeys.canonical("#x")).isEqualTo("%23x");
        assertThat(UserKeys.canonical("a|b~c")).isEqualTo("a|b~c");
        assertThat(UserKeys.canonical("café €")).isEqualTo("café €");
        assertThat(UserKeys.canonical("\uD83D\uDE00")).as("a surrogate pair").isEqualTo("\uD83D\uDE00");
    }

    @Test
    void unpairedSurrogatesAreEscapedSoTheyNeverCollideWithAReplacementCharacter() {
        String high = UserKeys.canonical("a\uD800");
        String low = UserKeys.canonical("a\uDC00");

        assertThat(high).isEqualTo("a%uD800");
        assertThat(low).isEqualTo("a%uDC00");
        assertThat(UserKeys.canonical("a?")).isEqualTo("a?");
        assertThat(new String(high.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8))
                .as("well-formed UTF-8")
                .isEqualTo(high);
    }

    @Test
    void aLongKeyIsHashedToABoundedBraceFreeForm() {
        String twoThousand = "x".repeat(2000);
        String forwardedFor = "203.0.113.7, ".repeat(100);

        String hashed = UserKeys.canonical(twoThousand);
        assertThat(hashed).startsWith("#").hasSize(44).doesNotContain("{", "}");
        assertThat(UserKeys.canonical(twoThousand)).as("deterministic").isEqualTo(hashed);
        assertThat(UserKeys.canonical(forwardedFor)).startsWith("#").hasSize(44);
        assertThat(UserKeys.canonical(twoThousand + "y")).isNotEqualTo(hashed);
        assertThat(UserKeys.canonical("k".repeat(UserKeys.MAX_PLAIN_BYTES + 1))).startsWith("#");
    }

    @Test
    void theBoundCountsUtf8BytesAfterEscaping() {
        String euros = "€".repeat(85); // 255 bytes
        String braces = "{".repeat(86); // 86 chars, 258 bytes escaped

        assertThat(UserKeys.canonical(euros)).isSameAs(euros);
        assertThat(UserKeys.canonical(euros + "€")).startsWith("#");
        assertThat(UserKeys.canonical(braces)).startsWith("#");
        assertThat(UserKeys.canonical("{".repeat(85))).startsWith("%7B").hasSize(255);
    }

    @Test
    void differentKeysNeverShareACanonicalForm() {
        String longKey = "z".repeat(300);
        List<String> keys = List.of(
                "a",
                "a ",
                "{a}",
                "%7Ba%7D",
                "%257Ba%257D",
                "#a",
                "%23a",
                "a\uD800",
                "a%uD800",
                "a?",
                "a\uFFFD",
                longKey,
                UserKeys.canonical(longKey),
                UserKeys.canonical(longKey).substring(1),
                "%23" + UserKeys.canonical(longKey).substring(1));
        Map<String, String> seen = new HashMap<>();
        for (String key : keys) {
            String previous = seen.put(UserKeys.canonical(key), key);
            assertThat(previous).as("canonical form of '%s'", key).isNull();
        }
    }

    @Test
    void nullAndEmptyKeysAreRefusedNamingTheParameter() {
        assertThatThrownBy(() -> UserKeys.canonical(nullKey()))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("key must not be null");
        assertThatThrownBy(() -> UserKeys.canonical(""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("key must not be empty: ''");
        assertThatThrownBy(() -> UserKeys.requireNonEmpty(""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("key must not be empty: ''");
        assertThat(UserKeys.requireNonEmpty("x".repeat(5000))).hasSize(5000);
    }

    @SuppressWarnings("NullAway") // The point: a caller outside null-checked code.
    private static String nullKey() {
        return null;
    }
}
