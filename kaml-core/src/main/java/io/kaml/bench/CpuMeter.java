package io.kaml.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * How much CPU other processes took while something was timed, from Linux's /proc/stat (the whole
 * machine, steal from other VMs included) minus /proc/self/stat (this process). On a shared machine a
 * figure measured while others held a core is not the engine's speed; this says when that happened.
 * Where /proc is missing every reading is NaN.
 */
final class CpuMeter {
    /** Clock ticks summed over the machine's {@code cpus}: its busy and total time, and this process's user + system time. */
    record Snapshot(long machineBusy, long machineTotal, long self, int cpus) {
    }

    private CpuMeter() {
    }

    /** The counters now, or null where /proc is unavailable. */
    static Snapshot now() {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/stat"));
            String[] cpu = lines.getFirst().trim().split("\\s+");
            if (!cpu[0].equals("cpu") || cpu.length < 9) {
                return null;
            }
            int cpus = (int) lines.stream().filter(l -> l.matches("cpu\\d+ .*")).count();
            long total = 0;
            for (int i = 1; i <= 8; i++) { // user nice system idle iowait irq softirq steal (guest is inside user)
                total += Long.parseLong(cpu[i]);
            }
            long idle = Long.parseLong(cpu[4]) + Long.parseLong(cpu[5]);
            String stat = Files.readString(Path.of("/proc/self/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
            long self = Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime
            return new Snapshot(total - idle, total, self, cpus);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * Cores' worth of CPU that other processes used between two snapshots (0 to the core count), or
     * NaN when either is missing or no time passed.
     */
    static double otherCores(Snapshot from, Snapshot to) {
        if (from == null || to == null || to.machineTotal() <= from.machineTotal()) {
            return Double.NaN;
        }
        double others = (to.machineBusy() - from.machineBusy()) - (to.self() - from.self());
        return Math.max(0, others / (to.machineTotal() - from.machineTotal()) * to.cpus());
    }
}
