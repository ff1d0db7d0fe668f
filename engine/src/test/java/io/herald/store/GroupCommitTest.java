package io.herald.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Group commit: what gathers while a batch is written goes out in the next one, in order; a failed
 * batch fails its callers only; close writes what was handed over and refuses the rest.
 */
class GroupCommitTest {
  /** A writer that holds its first batch until released, and records every batch. */
  static final class Gate implements GroupCommit.Writer<Integer, String> {
    final CountDownLatch entered = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);
    final List<List<Integer>> batches = Collections.synchronizedList(new ArrayList<>());
    final List<String> writers = Collections.synchronizedList(new ArrayList<>());

    @Override
    public List<String> write(List<Integer> batch) {
      entered.countDown();
      await(release);
      batches.add(batch);
      writers.add(Thread.currentThread().getName());
      if (batch.contains(-1)) {
        throw new IllegalStateException("Redis away");
      }
      return batch.stream().map(i -> "w" + i).toList();
    }
  }

  static void await(CountDownLatch latch) {
    try {
      assertThat(latch.await(30, TimeUnit.SECONDS)).isTrue();
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Waits, at most 30 seconds, until the condition holds. */
  static void until(java.util.function.BooleanSupplier condition) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("waited too long").isLessThan(deadline);
      Thread.onSpinWait();
    }
  }

  /** Starts the callers of {@code records} while the first caller's batch is held. */
  static Map<Integer, Object> heldThenReleased(
      GroupCommit<Integer, String> commit, Gate gate, List<Integer> records) throws Exception {
    Map<Integer, Object> answers = new ConcurrentHashMap<>();
    Thread first = Thread.ofVirtual().name("c0").start(() -> answers.put(0, commit.commit(0)));
    await(gate.entered);
    List<Thread> callers = new ArrayList<>();
    for (int r : records) {
      callers.add(
          Thread.ofVirtual()
              .name("c" + r)
              .start(
                  () -> {
                    try {
                      answers.put(r, commit.commit(r));
                    } catch (GroupCommit.Failed e) {
                      answers.put(r, e);
                    }
                  }));
    }
    // Each caller is either queued or, finding the writer busy, waiting: both are "parked".
    for (Thread t : callers) {
      until(() -> t.getState() == Thread.State.WAITING || !t.isAlive());
    }
    assertThat(commit.waiting()).isEqualTo(records.size());
    gate.release.countDown();
    first.join();
    for (Thread t : callers) {
      t.join();
    }
    return answers;
  }

  @Test
  void recordsThatGatherDuringAWriteGoOutTogetherEachWithItsAnswer() throws Exception {
    Gate gate = new Gate();
    GroupCommit<Integer, String> commit = new GroupCommit<>(100, gate);
    Map<Integer, Object> answers = heldThenReleased(commit, gate, List.of(1, 2, 3, 4, 5));
    assertThat(gate.batches).hasSize(2);
    assertThat(gate.batches.get(0)).containsExactly(0);
    assertThat(gate.batches.get(1)).containsExactlyInAnyOrder(1, 2, 3, 4, 5);
    for (int i = 0; i <= 5; i++) {
      assertThat(answers.get(i)).isEqualTo("w" + i);
    }
  }

  @Test
  void aCallerWhoseRecordIsWrittenLeavesTheNextBatchToAWaitingCaller() throws Exception {
    Gate gate = new Gate();
    GroupCommit<Integer, String> commit = new GroupCommit<>(100, gate);
    heldThenReleased(commit, gate, List.of(1, 2, 3));
    assertThat(gate.writers.get(0)).isEqualTo("c0");
    assertThat(gate.writers.get(1)).isIn("c1", "c2", "c3");
  }

  @Test
  void aBatchIsNoLargerThanTheLimit() throws Exception {
    Gate gate = new Gate();
    GroupCommit<Integer, String> commit = new GroupCommit<>(2, gate);
    heldThenReleased(commit, gate, List.of(1, 2, 3, 4, 5));
    assertThat(gate.batches).allSatisfy(b -> assertThat(b).hasSizeLessThanOrEqualTo(2));
    assertThat(gate.batches.stream().mapToInt(List::size).sum()).isEqualTo(6);
  }

  @Test
  void oneCallersRecordsAreWrittenInOrder() {
    Gate gate = new Gate();
    gate.release.countDown();
    GroupCommit<Integer, String> commit = new GroupCommit<>(3, gate);
    assertThat(commit.commitAll(List.of(1, 2, 3, 4, 5, 6, 7)))
        .containsExactly("w1", "w2", "w3", "w4", "w5", "w6", "w7");
    assertThat(gate.batches.stream().flatMap(List::stream).toList())
        .containsExactly(1, 2, 3, 4, 5, 6, 7);
  }

  @Test
  void aFailedBatchFailsEveryCallerInItAndNoOther() throws Exception {
    Gate gate = new Gate();
    GroupCommit<Integer, String> commit = new GroupCommit<>(100, gate);
    Map<Integer, Object> answers = heldThenReleased(commit, gate, List.of(1, -1, 2));
    assertThat(answers.get(0)).isEqualTo("w0");
    for (int r : List.of(1, -1, 2)) {
      assertThat(answers.get(r))
          .isInstanceOfSatisfying(
              GroupCommit.Failed.class, e -> assertThat(e).hasMessageContaining("Redis away"));
    }
    assertThat(commit.commit(3)).as("the next batch").isEqualTo("w3");
  }

  @Test
  void closeWritesWhatWasHandedOverAndRefusesTheRest() throws Exception {
    Gate gate = new Gate();
    GroupCommit<Integer, String> commit = new GroupCommit<>(100, gate);
    Thread first = Thread.ofVirtual().start(() -> commit.commit(0));
    await(gate.entered);
    Thread second = Thread.ofVirtual().start(() -> commit.commit(1));
    until(() -> commit.waiting() == 1);
    Thread closing = Thread.ofVirtual().start(commit::close);
    gate.release.countDown();
    first.join();
    second.join();
    closing.join();
    assertThat(gate.batches.stream().flatMap(List::stream).toList()).containsExactly(0, 1);
    assertThatThrownBy(() -> commit.commit(2))
        .isInstanceOf(GroupCommit.Failed.class)
        .hasMessageContaining("closed");
  }
}
