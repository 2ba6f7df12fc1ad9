package io.kaml.bench;

import io.kaml.train.TrainingListener;

/**
 * Stamps the start of the epoch and the end of every step, and reads the CPU counters where the
 * timed window starts and ends. The first warmUpFraction of the steps (at least one when there are
 * two or more) are left out.
 */
final class StepClock implements TrainingListener {
    private final double warmUpFraction;
    private long[] end;
    private int[] rows;
    private int steps;
    private int warm;
    private CpuMeter.Snapshot timedFrom;
    private CpuMeter.Snapshot timedTo;

    StepClock(double warmUpFraction) {
        this.warmUpFraction = warmUpFraction;
    }

    @Override
    public void onStart(Start start) {
        int planned = start.stepsPerEpoch();
        end = new long[planned + 1];
        rows = new int[planned + 1];
        warm = planned < 2 ? 0 : Math.clamp(Math.round(planned * warmUpFraction), 1, planned - 1);
        if (warm == 0) {
            timedFrom = CpuMeter.now();
        }
        end[0] = System.nanoTime();
    }

    @Override
    public void onStep(Step step) {
        end[step.step()] = System.nanoTime();
        rows[step.step()] = step.batchRows();
        steps = step.step();
        if (steps == warm) {
            timedFrom = CpuMeter.now();
        } else if (steps == step.stepsPerEpoch()) {
            timedTo = CpuMeter.now();
        }
    }

    double otherCores() {
        return CpuMeter.otherCores(timedFrom, timedTo);
    }

    BenchmarkResult.TrainingRun run(int batchSize) {
        if (steps != end.length - 1) {
            throw new IllegalStateException("the epoch ended after " + steps + " of " + (end.length - 1) + " steps");
        }
        long timedRows = 0;
        double[] stepMs = new double[steps - warm];
        for (int s = warm + 1; s <= steps; s++) {
            timedRows += rows[s];
            stepMs[s - warm - 1] = (end[s] - end[s - 1]) / 1e6;
        }
        return new BenchmarkResult.TrainingRun(batchSize, steps, steps - warm, timedRows, (end[steps] - end[warm]) / 1e9,
                EngineBenchmark.median(stepMs));
    }
}
