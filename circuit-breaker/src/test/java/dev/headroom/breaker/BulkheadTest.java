package dev.headroom.breaker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.headroom.core.ManualScheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

class BulkheadTest {

    private final ManualScheduler scheduler = new ManualScheduler();

    private Bulkhead bulkhead(BulkheadConfig.Builder config) {
        return Bulkhead.of("db", config.build(), scheduler);
    }

    private static List<BulkheadPermit> fill(Bulkhead bulkhead, Priority priority, int count) {
        List<BulkheadPermit> permits = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            BulkheadPermit permit = bulkhead.tryAcquire(priority);
            assertThat(permit.isGranted()).isTrue();
            permits.add(permit);
        }
        return permits;
    }

    @Test
    void grantsUpToTheLimitThenRefusesWithoutWaiting() {
        Bulkhead bulkhead = bulkhead(BulkheadConfig.builder().maxConcurrentCalls(2));
        List<BulkheadPermit> running = fill(bulkhead, Priority.NORMAL, 2);

        BulkheadPermit refused = bulkhead.tryAcquire(Priority.CRITICAL);

        assertThat(refused.isGranted()).isFalse();
        assertThat(refused.rejection()).contains(BulkheadRejection.NO_CAPACITY);
        assertThat(refused.priority()).isEqualTo(Priority.CRITICAL);
        running.get(0).release();
        assertThat(bulkhead.tryAcquire(Priority.LOW).isGranted()).isTrue();
    }

    @Test
    void releasingTwiceGivesTheSlotBackOnce() {
        Bulkhead bulkhead = bulkhead(BulkheadConfig.builder().maxConcurrentCalls(1));
        BulkheadPermit permit = bulkhead.tryAcquire(Priority.NORMAL);

        permit.release();
        permit.release();

        assertThat(bulkhead.metrics().inFlight()).isZero();
        assertThat(fill(bulkhead, Priority.NORMAL, 1)).hasSize(1);
        assertThat(bulkhead.tryAcquire(Priority.NORMAL).isGranted()).isFalse();
    }

    @Test
    void aWaiterGetsTheNextFreedSlot() {
        Bulkhead bulkhead = bulkhead(BulkheadConfig.builder().maxConcurrentCalls(1));
        BulkheadPermit running = fill(bulkhead, Priority.NORMAL, 1).get(0);

        CompletableFuture<BulkheadPermit> waiting = bulkhead.acquireAsync(Priority.NORMAL);
        assertThat(waiting).isNotDone();
        assertThat(bulkhead.metrics().queueDepth()).isEqualTo(1);
        running.release();

        assertThat(waiting.join().isGranted()).isTrue();
        assertThat(bulkhead.metrics().queueDepth()).isZero();
        assertThat(scheduler.pendingTasks()).isZero(); // its timeout was cancelled
    }

    @Test
    void aHealthyQueueIsFirstInFirstOut() {
        Bulkhead bulkhead = bulkhead(BulkheadConfig.builder().maxConcurrentCalls(1));
        BulkheadPermit running = fill(bulkhead, Priority.NORMAL, 1).get(0);
        CompletableFuture<BulkheadPermit> first = bulkhead.acquireAsync(Priority.NORMAL);
        CompletableFuture<BulkheadPermit> second = bulkhead.acquireAsync(Priority.NORMAL);

        running.release();

        assertThat(first).isCompleted();
        assertThat(second).isNotDone();
    }

    @Test
    void higherPriorityWaitersAreServedFirst() {
        Bulkhead bulkhead = bulkhead(BulkheadConfig.builder().maxConcurrentCalls(1));
        BulkheadPermit running = fill(bulkhead, Priority.NORMAL, 1).get(0);
        CompletableFuture<BulkheadPermit> low = bulkhead.acquireAsync(Priority.LOW);
        CompletableFuture<BulkheadPermit> critical = bulkhead.acquireAsync(Priority.CRITICAL);

        running.release();

        assertThat(critical.join().isGranted()).isTrue();
        assertThat(low).isNotDone();
    }

    @Test
    void aFullQueueShedsTheOldestWaiterOfTheLowestPriorityBelowTheNewcomer() {
        Bulkhead bulkhead =
                bulkhead(BulkheadConfig.builder().maxConcurrentCalls(1).maxQueueSize(3));
        fill(bulkhead, Priority.NORMAL, 1);
        CompletableFuture<BulkheadPermit> oldLow = bulkhead.acquireAsync(Priority.LOW);
        CompletableFuture<BulkheadPermit> newLow = bulkhead.acquireAsync(Priority.LOW);
        CompletableFuture<BulkheadPermit> normal = bulkhead.acquireAsync(Priority.NORMAL);

        CompletableFuture<BulkheadPermit> high = bulkhead.acquireAsync(Priority.HIGH);

        assertThat(oldLow.join().rejection()).contains(BulkheadRejection.SHED);
        assertThat(newLow).isNotDone();
        assertThat(normal).isNotDone();
        assertThat(high).isNotDone();
        assertThat(bulkhead.metrics().rejected(Priority.LOW, BulkheadRejection.SHED))
                .isEqualTo(1);
    }

    @Test
    void aNewcomerWithNothingBelowItIsRefusedWhenTheQueueIsFull() {
        Bulkhead bulkhead =
                bulkhead(BulkheadConfig.builder().maxConcurrentCalls(1).maxQueueSize(2));
        fill(bulkhead, Priority.NORMAL, 1);
        CompletableFuture<BulkheadPermit> normal = bulkhead.acquireAsync(Priority.NORMAL);
        CompletableFuture<BulkheadPermit> low = bulkhead.acquireAsync(Priority.LOW);

        CompletableFuture<BulkheadPermit> anotherLow = bulkhead.acquireAsync(Priority.LOW);
        CompletableFuture<BulkheadPermit> critical = bulkhead.acquireAsync(Priority.CRITICAL);

        assertThat(anotherLow.join().rejection()).contains(BulkheadRejection.QUEUE_FULL);
        assertThat(low.join().rejection()).contains(BulkheadRejection.SHED);
        assertThat(critical).isNotDone();
        assertThat(normal).isNotDone();
    }

    @Test
    void aQueueOfSizeZeroNeverWaits() {
        Bulkhead bulkhead =
                bulkhead(BulkheadConfig.builder().maxConcurrentCalls(1).maxQueueSize(0));
        fill(bulkhead, Priority.NORMAL, 1);

        assertThat(bulkhead.acquireAsync(Priority.CRITICAL).join().rejection()).contains(BulkheadRejection.QUEUE_FULL);
    }

    @Test
    void aWaiterTimesOutAfterMaxWaitOnTheSchedulersClock() {
        Bulkhead bulkhead = bulkhead(BulkheadConfig.builder()
                .maxConcurrentCalls(1)
                .maxWait(Duration.ofMillis(100))
                .congestionInterval(Duration.ofSeconds(10)));
        fill(bulkhead, Priority.NORMAL, 1);
        CompletableFuture<BulkheadPermit> waiting = bulkhead.acquireAsync(Priority.NORMAL);

        scheduler.advance(Duration.ofMillis(99));
        assertThat(waiting).isNotDone();
        scheduler.advance(Duration.ofMillis(1));

        assertThat(waiting.join().rejection()).contains(BulkheadRejection.TIMED_OUT);
        assertThat(bulkhead.metrics().queueDepth()).isZero();
    }

    @Test
    void anOverdueWaiterIsDroppedWhenASlotFreesEvenIfItsTimerHasNotRun() {
        Bulkhead bulkhead =
                bulkhead(BulkheadConfig.builder().maxConcurrentCalls(1).maxWait(Duration.ofMillis(100)));
        BulkheadPermit running = fill(bulkhead, Priority.NORMAL, 1).get(0);
        CompletableFuture<BulkheadPermit> overdue = bulkhead.acquireAsync(Priority.NORMAL);
        scheduler.ticker().advance(Duration.ofMillis(100)); // time passes, timers have not run

        running.release();

        assertThat(overdue.join().rejection()).contains(BulkheadRejection.TIMED_OUT);
        assertThat(bulkhead.metrics().inFlight()).isZero();
    }

    @Test
    void aQueueThatStaysNonEmptyBecomesCongestedServesNewestFirstAndShortensWaits() {
        Bulkhead bulkhead = bulkhead(BulkheadConfig.builder()
                .maxConcurrentCalls(2)
                .maxWait(Duration.ofSeconds(1))
                .congestedMaxWait(Duration.ofMillis(5))
                .congestionInterval(Duration.ofMillis(100)));
        List<BulkheadPermit> running = fill(bulkhead, Priority.NORMAL, 2);
        CompletableFuture<BulkheadPermit> oldest = bulkhead.acquireAsync(Priority.NORMAL);
        CompletableFuture<BulkheadPermit> older = bulkhead.acquireAsync(Priority.NORMAL);
        assertThat(bulkhead.metrics().isCongested()).isFalse();

        scheduler.advance(Duration.ofMillis(100));
        assertThat(bulkhead.metrics().isCongested()).isTrue();
        CompletableFuture<BulkheadPermit> newest = bulkhead.acquireAsync(Priority.NORMAL);
        running.get(0).release();

        assertThat(newest.join().isGranted()).isTrue(); // LIFO while congested
        assertThat(oldest).isNotDone();
        assertThat(older).isNotDone();
        CompletableFuture<BulkheadPermit> latecomer = bulkhead.acquireAsync(Priority.NORMAL);
        assertThat(scheduler.pendingDelays()).contains(Duration.ofMillis(5)); // CoDel: short wait
        scheduler.advance(Duration.ofMillis(5));
        assertThat(latecomer.join().rejection()).contains(BulkheadRejection.TIMED_OUT);
        assertThat(oldest).isNotDone(); // joined while healthy: keeps its longer wait
    }

    @Test
    void theQueueBecomesHealthyAgainOnceItEmpties() {
        Bulkhead bulkhead = bulkhead(BulkheadConfig.builder()
                .maxConcurrentCalls(1)
                .maxWait(Duration.ofSeconds(1))
                .congestionInterval(Duration.ofMillis(100)));
        BulkheadPermit running = fill(bulkhead, Priority.NORMAL, 1).get(0);
        CompletableFuture<BulkheadPermit> waiting = bulkhead.acquireAsync(Priority.NORMAL);
        scheduler.advance(Duration.ofMillis(150));
        assertThat(bulkhead.metrics().isCongested()).isTrue();

        running.release();

        assertThat(waiting).isCompleted();
        assertThat(bulkhead.metrics().isCongested()).isFalse();
    }

    @Test
    void reservedSlotsServeOnlyTheirPriority() {
        Bulkhead bulkhead =
                bulkhead(BulkheadConfig.builder().maxConcurrentCalls(10).guaranteedShare(Priority.CRITICAL, 0.2));

        fill(bulkhead, Priority.NORMAL, 8);

        assertThat(bulkhead.tryAcquire(Priority.NORMAL).rejection()).contains(BulkheadRejection.NO_CAPACITY);
        assertThat(bulkhead.tryAcquire(Priority.HIGH).rejection()).contains(BulkheadRejection.NO_CAPACITY);
        fill(bulkhead, Priority.CRITICAL, 2);
        assertThat(bulkhead.tryAcquire(Priority.CRITICAL).isGranted()).isFalse();
        assertThat(bulkhead.metrics().inFlight()).isEqualTo(10);
    }

    @Test
    void aPriorityBeyondItsReservationCompetesForTheSharedSlots() {
        Bulkhead bulkhead =
                bulkhead(BulkheadConfig.builder().maxConcurrentCalls(10).guaranteedShare(Priority.CRITICAL, 0.2));

        List<BulkheadPermit> critical = fill(bulkhead, Priority.CRITICAL, 10);

        assertThat(bulkhead.tryAcquire(Priority.CRITICAL).isGranted()).isFalse();
        critical.get(0).release();
        assertThat(bulkhead.tryAcquire(Priority.NORMAL).isGranted()).isTrue();
    }

    @Test
    void aWaiterWithAFreeReservationIsServedAtOnceEvenBehindHigherWaiters() {
        Bulkhead bulkhead =
                bulkhead(BulkheadConfig.builder().maxConcurrentCalls(4).guaranteedShare(Priority.LOW, 0.25));
        fill(bulkhead, Priority.HIGH, 3);
        CompletableFuture<BulkheadPermit> high = bulkhead.acquireAsync(Priority.HIGH);

        CompletableFuture<BulkheadPermit> low = bulkhead.acquireAsync(Priority.LOW);

        assertThat(high).isNotDone();
        assertThat(low.join().isGranted()).isTrue();
    }

    @Test
    void tryAcquireNeverJumpsAheadOfWaitersOfTheSameOrHigherPriority() {
        Bulkhead bulkhead = bulkhead(BulkheadConfig.builder().maxConcurrentCalls(1));
        BulkheadPermit running = fill(bulkhead, Priority.NORMAL, 1).get(0);
        CompletableFuture<BulkheadPermit> waiting = bulkhead.acquireAsync(Priority.HIGH);

        running.release(); // the waiter takes the slot

        assertThat(waiting.join().isGranted()).isTrue();
        assertThat(bulkhead.tryAcquire(Priority.HIGH).isGranted()).isFalse();
    }

    @Test
    void cancellingAWaitWithdrawsTheRequest() {
        Bulkhead bulkhead = bulkhead(BulkheadConfig.builder().maxConcurrentCalls(1));
        BulkheadPermit running = fill(bulkhead, Priority.NORMAL, 1).get(0);
        CompletableFuture<BulkheadPermit> withdrawn = bulkhead.acquireAsync(Priority.NORMAL);
        CompletableFuture<BulkheadPermit> next = bulkhead.acquireAsync(Priority.NORMAL);

        withdrawn.cancel(false);

        assertThat(bulkhead.metrics().queueDepth()).isEqualTo(1);
        running.release();
        assertThat(next.join().isGranted()).isTrue();
        assertThat(scheduler.pendingTasks()).isZero();
    }

    @Test
    void theGuardRunsTheCallInASlotAndReleasesItAfterwards() throws Exception {
        Bulkhead bulkhead = bulkhead(BulkheadConfig.builder().maxConcurrentCalls(1));

        int inFlightDuringCall = bulkhead.call(() -> bulkhead.metrics().inFlight(Priority.NORMAL));

        assertThat(inFlightDuringCall).isEqualTo(1);
        assertThat(bulkhead.metrics().inFlight()).isZero();
        assertThatThrownBy(() -> bulkhead.run(() -> {
                    throw new IllegalStateException("boom");
                }))
                .hasMessage("boom");
        assertThat(bulkhead.metrics().inFlight()).isZero();
    }

    @Test
    void theGuardThrowsARefusalWithNameReasonAndPriorityAndNoStackTrace() {
        Bulkhead bulkhead =
                bulkhead(BulkheadConfig.builder().maxConcurrentCalls(1).maxQueueSize(0));
        fill(bulkhead, Priority.NORMAL, 1);

        BulkheadRejectedException refused = catchThrowableOfType(
                BulkheadRejectedException.class,
                () -> bulkhead.forPriority(Priority.HIGH).supply(() -> "never"));

        assertThat(refused.componentName()).isEqualTo("db");
        assertThat(refused.rejection()).isEqualTo(BulkheadRejection.QUEUE_FULL);
        assertThat(refused.priority()).isEqualTo(Priority.HIGH);
        assertThat(refused).hasMessage("Bulkhead 'db' refused a HIGH call: QUEUE_FULL");
        assertThat(refused.getStackTrace()).isEmpty();
    }

    @Test
    void anAsyncCallHoldsItsSlotUntilItsStageCompletes() {
        Bulkhead bulkhead = bulkhead(BulkheadConfig.builder().maxConcurrentCalls(1));
        CompletableFuture<String> work = new CompletableFuture<>();

        CompletionStage<String> result = bulkhead.callAsync(() -> work);
        assertThat(bulkhead.metrics().inFlight()).isEqualTo(1);
        work.complete("done");

        assertThat(result.toCompletableFuture().join()).isEqualTo("done");
        assertThat(bulkhead.metrics().inFlight()).isZero();
    }

    @Test
    void anAsyncCallWaitsForASlotAndIsRefusedAsAFailedStage() {
        Bulkhead bulkhead = bulkhead(BulkheadConfig.builder()
                .maxConcurrentCalls(1)
                .maxWait(Duration.ofMillis(10))
                .congestedMaxWait(Duration.ofMillis(10)));
        BulkheadPermit running = fill(bulkhead, Priority.NORMAL, 1).get(0);
        CompletableFuture<String> slowWork = new CompletableFuture<>();
        CompletionStage<String> waiting = bulkhead.callAsync(() -> slowWork);
        CompletionStage<String> refused = bulkhead.callAsync(() -> CompletableFuture.completedFuture("never"));

        running.release(); // the first waiter gets the slot and keeps it
        scheduler.advance(Duration.ofMillis(10)); // the second times out

        assertThat(refused.toCompletableFuture())
                .failsWithin(Duration.ZERO)
                .withThrowableThat()
                .havingCause()
                .isInstanceOf(BulkheadRejectedException.class);
        slowWork.complete("ran");
        assertThat(waiting.toCompletableFuture().join()).isEqualTo("ran");
        assertThat(bulkhead.metrics().inFlight()).isZero();
    }

    @Test
    void cancellingAWaitingAsyncCallWithdrawsItWithoutRunningIt() {
        Bulkhead bulkhead = bulkhead(BulkheadConfig.builder().maxConcurrentCalls(1));
        BulkheadPermit running = fill(bulkhead, Priority.NORMAL, 1).get(0);
        boolean[] ran = new boolean[1];
        CompletionStage<String> waiting = bulkhead.callAsync(() -> {
            ran[0] = true;
            return CompletableFuture.completedFuture("ran");
        });

        waiting.toCompletableFuture().cancel(true);
        running.release();

        assertThat(ran[0]).isFalse();
        assertThat(bulkhead.metrics().inFlight()).isZero();
        assertThat(bulkhead.metrics().queueDepth()).isZero();
    }

    @Test
    void metricsCountGrantsAndRefusalsPerPriority() {
        Bulkhead bulkhead = bulkhead(BulkheadConfig.builder().maxConcurrentCalls(1));
        fill(bulkhead, Priority.HIGH, 1);
        bulkhead.tryAcquire(Priority.LOW);
        bulkhead.tryAcquire(Priority.LOW);
        CompletableFuture<BulkheadPermit> waiting = bulkhead.acquireAsync(Priority.LOW);

        assertThat(waiting).isNotDone();

        assertThat(bulkhead.metrics().granted(Priority.HIGH)).isEqualTo(1);
        assertThat(bulkhead.metrics().rejected(Priority.LOW, BulkheadRejection.NO_CAPACITY))
                .isEqualTo(2);
        assertThat(bulkhead.metrics().queueDepth(Priority.LOW)).isEqualTo(1);
        assertThat(bulkhead.metrics().inFlight(Priority.HIGH)).isEqualTo(1);
        assertThat(bulkhead).hasToString("Bulkhead{db, inFlight=1, queued=1}");
    }
}
