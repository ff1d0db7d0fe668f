package io.herald.bench;

import java.lang.management.ManagementFactory;

/**
 * The CPU time this JVM has used so far (all its threads, JIT and GC included): on a shared machine
 * a side's CPU per message is steadier than its wall-clock rate.
 */
final class ProcessCpu {
  private ProcessCpu() {}

  static long nanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }
}
