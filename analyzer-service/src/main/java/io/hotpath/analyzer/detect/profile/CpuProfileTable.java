package io.hotpath.analyzer.detect.profile;

import io.hotpath.contracts.telemetry.ProfileCaptured;
import io.hotpath.contracts.telemetry.StackSample;
import java.lang.ref.WeakReference;
import java.util.List;

/**
 * The frame table of a CPU profile's stacks in samples: each stack's code frames (see {@link
 * Frames#code}), or its samples counted as unattributed when it has none. The CPU hotspot detector
 * and the regression detector's profile view both read it, one after the other on the thread that
 * analyzes the profile; the table is built once for both, and neither changes it.
 */
public final class CpuProfileTable {
  private record Built(WeakReference<ProfileCaptured> profile, FrameTable table) {}

  /** Each analysis thread's last profile, held weakly: it is garbage once analyzed. */
  private static final ThreadLocal<Built> LAST = new ThreadLocal<>();

  private CpuProfileTable() {}

  /** The table of {@code profile}; the same instance when asked again on this thread. */
  public static FrameTable of(ProfileCaptured profile) {
    Built last = LAST.get();
    if (last != null && last.profile().get() == profile) {
      return last.table();
    }
    FrameTable table = build(profile);
    LAST.set(new Built(new WeakReference<>(profile), table));
    return table;
  }

  static FrameTable build(ProfileCaptured profile) {
    FrameTable table = new FrameTable();
    for (StackSample stack : profile.stacks()) {
      List<String> code = Frames.code(stack.frames());
      double samples = Frames.samples(profile.unit(), profile.periodNanos(), stack.value());
      if (code.isEmpty()) {
        table.addUnattributed(samples);
      } else {
        table.add(code, samples);
      }
    }
    return table;
  }
}
