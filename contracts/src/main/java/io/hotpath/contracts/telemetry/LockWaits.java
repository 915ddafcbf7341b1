package io.hotpath.contracts.telemetry;

import java.util.List;

/**
 * Where a lock profile's wait belongs, as the analyzer detects lock contention and the tracker
 * validates its fix. Each stack's wait is charged to the code that waits: the deepest frame that is
 * not part of the locking machinery ({@code LockSupport.park}, {@code AbstractQueuedSynchronizer},
 * {@code Object.wait}, Go's {@code sync.(*Mutex).Lock}, ...). Stacks of threads that wait for work
 * rather than for a lock (idle pool workers in {@code ThreadPoolExecutor.getTask}, queue takes,
 * {@code Thread.sleep}, futures) are not contention. Only profiles of type {@link ProfileType#LOCK}
 * whose unit is a time count. A frame's location is {@code lock:<function>} (the function as {@link
 * ProfileFrames#normalize} names it).
 */
public final class LockWaits {
  public static final String LOCATION_PREFIX = "lock:";

  private static final List<String> LOCKING =
      List.of(
          "java.util.concurrent.locks.",
          "jdk.internal.misc.Unsafe.park",
          "sun.misc.Unsafe.park",
          "java.lang.Object.wait",
          "java.lang.VirtualThread.park",
          "java.lang.VirtualThread.parkNanos",
          "sync.(*Mutex).",
          "sync.(*RWMutex).",
          "sync.runtime_",
          "runtime.");

  private static final List<String> WAITING_FOR_WORK =
      List.of(
          "ThreadPoolExecutor.getTask",
          "ForkJoinPool.awaitWork",
          "LinkedBlockingQueue.take",
          "LinkedBlockingQueue.poll",
          "LinkedBlockingDeque.take",
          "LinkedBlockingDeque.poll",
          "ArrayBlockingQueue.take",
          "ArrayBlockingQueue.poll",
          "SynchronousQueue",
          "LinkedTransferQueue",
          "DelayedWorkQueue.take",
          "DelayedWorkQueue.poll",
          "DelayQueue.take",
          "java.lang.Thread.sleep",
          "CompletableFuture.waitingGet",
          "CompletableFuture.timedGet",
          "FutureTask.awaitDone",
          "time.Sleep");

  private LockWaits() {}

  /** True when the profile measures lock wait time: a LOCK profile in a unit of time. */
  public static boolean measuresWait(ProfileType type, String unit) {
    return type == ProfileType.LOCK && !Double.isNaN(ProfileFrames.millis(unit, 1));
  }

  /**
   * The index of the frame that waits for a lock in {@code code} (normalized code frames, root
   * first, as {@link ProfileFrames#code} gives them); -1 when the thread waits for work, not a
   * lock, or the stack holds no code.
   */
  public static int waitingFrame(List<String> code) {
    for (String frame : code) {
      for (String marker : WAITING_FOR_WORK) {
        if (frame.contains(marker)) {
          return -1;
        }
      }
    }
    int leaf = code.size() - 1;
    while (leaf > 0 && isLocking(code.get(leaf))) {
      leaf--;
    }
    return leaf;
  }

  /** The function that waits in a raw stack (root first); null when none does. */
  public static String waitingFunction(List<String> frames) {
    List<String> code = ProfileFrames.code(frames);
    int at = waitingFrame(code);
    return at < 0 ? null : code.get(at);
  }

  /** The bottleneck location of a waiting function: {@code lock:<function>}. */
  public static String location(String function) {
    return LOCATION_PREFIX + function;
  }

  private static boolean isLocking(String frame) {
    for (String prefix : LOCKING) {
      if (frame.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }
}
