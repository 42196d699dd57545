package dev.headroom.breaker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.headroom.breaker.CircuitBreaker.State;
import dev.headroom.core.ManualTicker;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class DependencyRegistryTest {

    private final ManualTicker ticker = new ManualTicker();
    private final DependencyRegistry registry = DependencyRegistry.of("service");
    private final CircuitBreaker recommendationsBreaker = breaker("recommendations");
    private final Dependency recommendations = registry.register(recommendationsBreaker);
    private final Dependency search = registry.register("search", breaker("search-breaker"));

    private CircuitBreaker breaker(String name) {
        return CircuitBreaker.of(
                name,
                CircuitBreakerConfig.builder()
                        .slidingWindow(SlidingWindow.lastCalls(2))
                        .minimumCalls(2)
                        .openDuration(Duration.ofSeconds(30))
                        .halfOpenProbes(1)
                        .build(),
                ticker);
    }

    @Test
    void healthFollowsTheBreakersState() {
        assertThat(Health.of(State.CLOSED)).isEqualTo(Health.HEALTHY);
        assertThat(Health.of(State.DISABLED)).isEqualTo(Health.HEALTHY);
        assertThat(Health.of(State.HALF_OPEN)).isEqualTo(Health.RECOVERING);
        assertThat(Health.of(State.OPEN)).isEqualTo(Health.UNHEALTHY);
        assertThat(Health.of(State.FORCED_OPEN)).isEqualTo(Health.UNHEALTHY);

        Breakers.fail(recommendationsBreaker, 2);
        assertThat(recommendations.health()).isEqualTo(Health.UNHEALTHY);
        ticker.advance(Duration.ofSeconds(30));
        assertThat(recommendations.health()).isEqualTo(Health.RECOVERING);
    }

    @Test
    void theRegistryReportsEveryDependencyByName() {
        Breakers.fail(recommendationsBreaker, 2);

        assertThat(registry.health())
                .containsExactly(Map.entry("recommendations", Health.UNHEALTHY), Map.entry("search", Health.HEALTHY));
        assertThat(registry.unhealthy()).containsExactly(recommendations);
        assertThat(registry.dependencies()).containsExactly(recommendations, search);
        assertThat(registry.find("search")).contains(search);
        assertThat(registry.find("nope")).isEmpty();
        assertThat(registry).hasToString("DependencyRegistry{recommendations=UNHEALTHY, search=HEALTHY}");
    }

    @Test
    void namesAreUnique() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> registry.register("search", breaker("other")))
                .withMessage("dependency already registered: search");
    }

    @Test
    void aHealthyDependencyGivesThePrimaryAnswer() {
        Dependency.Answer<List<String>> answer =
                recommendations.answer(() -> List.of("for you"), () -> List.of("bestsellers"));

        assertThat(answer.value()).containsExactly("for you");
        assertThat(answer.isDegraded()).isFalse();
        assertThat(answer.failure()).isNull();
    }

    @Test
    void anUnhealthyDependencyIsNotCalledAndTheDegradedAnswerComesAtOnce() {
        Breakers.fail(recommendationsBreaker, 2);
        AtomicInteger primaryCalls = new AtomicInteger();

        Dependency.Answer<List<String>> answer = recommendations.answer(
                () -> {
                    primaryCalls.incrementAndGet();
                    return List.of("for you");
                },
                () -> List.of("bestsellers"));

        assertThat(answer.value()).containsExactly("bestsellers");
        assertThat(answer.failure()).isInstanceOf(CallNotPermittedException.class);
        assertThat(primaryCalls).hasValue(0);
        assertThat(recommendations.degradedAnswers()).isEqualTo(1);
    }

    @Test
    void aFailingPrimaryGivesTheDegradedAnswerAndCountsAgainstTheBreaker() {
        List<String> answer = recommendations.primaryOr(
                () -> {
                    throw new UncheckedIOException(new java.io.IOException("timeout"));
                },
                () -> List.of("bestsellers"));

        assertThat(answer).containsExactly("bestsellers");
        assertThat(recommendationsBreaker.stats().failedCalls()).isEqualTo(1);
    }

    @Test
    void errorsAreNotTurnedIntoDegradedAnswers() {
        assertThatThrownBy(() -> recommendations.primaryOr(
                        () -> {
                            throw new AssertionError("bug");
                        },
                        () -> List.of("bestsellers")))
                .isInstanceOf(AssertionError.class);
    }

    @Test
    void theAsyncFormDegradesTheSameWay() {
        assertThat(recommendations
                        .primaryOrAsync(() -> CompletableFuture.completedFuture("for you"), () -> "bestsellers")
                        .toCompletableFuture()
                        .join())
                .isEqualTo("for you");
        assertThat(recommendations
                        .primaryOrAsync(
                                () -> CompletableFuture.failedFuture(new IllegalStateException()), () -> "bestsellers")
                        .toCompletableFuture()
                        .join())
                .isEqualTo("bestsellers");

        recommendationsBreaker.transitionTo(State.FORCED_OPEN);
        assertThat(recommendations
                        .primaryOrAsync(() -> CompletableFuture.completedFuture("for you"), () -> "bestsellers")
                        .toCompletableFuture()
                        .join())
                .isEqualTo("bestsellers");
        assertThat(recommendations.degradedAnswers()).isEqualTo(2);
    }

    @Test
    void aRecoveringDependencyGetsItsProbeAndHealsOnSuccess() {
        Breakers.fail(recommendationsBreaker, 2);
        ticker.advance(Duration.ofSeconds(30));

        String answer = recommendations.primaryOr(() -> "for you", () -> "bestsellers");

        assertThat(answer).isEqualTo("for you");
        assertThat(recommendations.health()).isEqualTo(Health.HEALTHY);
    }
}
