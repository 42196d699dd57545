package dev.headroom.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ManualSchedulerTest {

    private final ManualScheduler scheduler = new ManualScheduler();
    private final List<String> ran = new ArrayList<>();

    @Test
    void runsTasksInDeadlineOrderEachAtItsDeadline() {
        scheduler.schedule(
                () -> ran.add("b@" + scheduler.ticker().nanoTime()),
                Duration.ofSeconds(2).toNanos());
        scheduler.schedule(
                () -> ran.add("a@" + scheduler.ticker().nanoTime()),
                Duration.ofSeconds(1).toNanos());
        scheduler.schedule(
                () -> ran.add("c@" + scheduler.ticker().nanoTime()),
                Duration.ofSeconds(9).toNanos());

        scheduler.advance(Duration.ofSeconds(5));

        assertThat(ran).containsExactly("a@1000000000", "b@2000000000");
        assertThat(scheduler.ticker().nanoTime())
                .isEqualTo(Duration.ofSeconds(5).toNanos());
        assertThat(scheduler.pendingTasks()).isEqualTo(1);
        assertThat(scheduler.pendingDelays()).containsExactly(Duration.ofSeconds(4));
    }

    @Test
    void tasksWithTheSameDeadlineRunInTheOrderScheduled() {
        for (String name : List.of("first", "second", "third")) {
            scheduler.schedule(() -> ran.add(name), 10);
        }

        scheduler.advance(Duration.ofNanos(10));

        assertThat(ran).containsExactly("first", "second", "third");
    }

    @Test
    void aTaskScheduledByATaskRunsInTheSameAdvanceIfDue() {
        scheduler.schedule(() -> scheduler.schedule(() -> ran.add("nested"), 5), 5);

        scheduler.advance(Duration.ofNanos(10));

        assertThat(ran).containsExactly("nested");
    }

    @Test
    void cancelledTasksNeverRun() {
        Scheduler.Cancellable task = scheduler.schedule(() -> ran.add("cancelled"), 5);

        task.cancel();
        scheduler.advance(Duration.ofSeconds(1));

        assertThat(ran).isEmpty();
        assertThat(scheduler.pendingTasks()).isZero();
    }

    @Test
    void sleepingMovesTimeForEveryone() {
        scheduler.schedule(() -> ran.add("woken"), 100);

        scheduler.sleep(150);

        assertThat(ran).containsExactly("woken");
        assertThat(scheduler.ticker().nanoTime()).isEqualTo(150);
    }

    @Test
    void runDueTasksCatchesUpAfterTheTickerWasMovedDirectly() {
        scheduler.schedule(() -> ran.add("due"), 100);
        scheduler.ticker().advance(Duration.ofNanos(100));
        assertThat(ran).isEmpty();

        scheduler.runDueTasks();

        assertThat(ran).containsExactly("due");
    }

    @Test
    void refusesToGoBackInTime() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> scheduler.advance(Duration.ofSeconds(-1)))
                .withMessage("amount must not be negative: PT-1S");
    }
}
