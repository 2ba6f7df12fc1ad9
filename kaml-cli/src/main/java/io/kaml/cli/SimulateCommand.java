package io.kaml.cli;

import io.kaml.sim.InvalidKnobException;
import io.kaml.sim.SimulationSummary;
import io.kaml.sim.Simulator;
import io.kaml.sim.SimulatorConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code kaml simulate}: writes a simulated dataset with known ground truth. */
@Command(name = "simulate",
        mixinStandardHelpOptions = true,
        description = {
            "Generates a seeded advertising dataset with known ground truth: post-click samples of advertisers "
                    + "that each target one of five conversion actions (activation, registration, payment, "
                    + "retention, purchase) and report the others incompletely, split by day into train, valid "
                    + "and test. The same options always give byte-identical files.",
            "Writes train.csv.gz, valid.csv.gz, test.csv.gz, truth.csv.gz (true probability and label of every "
                    + "action), dataset.yaml and simulator.json, then prints a summary per action."},
        footer = {"",
            "Examples:",
            "  The default world, 30 days x 20,000 clicks:",
            "    kaml simulate --out runs/sim",
            "  Its oracle twin, the same clicks with every true label:",
            "    kaml simulate --out runs/sim-oracle --full-labels",
            "  A larger world with another seed:",
            "    kaml simulate --out runs/sim-big --clicks-per-day 100000 --seed 7",
            "  The mechanisms that make original and extended samples differ, at a moderate strength:",
            "    kaml simulate --out runs/sim-real --definition-shift 0.5 \\",
            "      --targeted-delivery 0.5 --postback-delay 1 --attribution-window 7",
            "  Every mechanism switched off:",
            "    kaml simulate --out runs/sim-flat --no-shift --no-skew \\",
            "      --reliable-reporting --definition-shift 0 --targeted-delivery 0 \\",
            "      --postback-delay 0"})
public final class SimulateCommand implements Callable<Integer> {
    // Short runs print nothing but the summary; long ones a progress line at most every second.
    private static final long QUIET_MILLIS = 2_000;
    private static final long PROGRESS_EVERY_MILLIS = 1_000;

    /** The option that sets each config knob, to name it when the knob's value is rejected. */
    private static final Map<String, String> OPTION_OF_KNOB = Map.ofEntries(
            Map.entry("days", "--days"), Map.entry("clicksPerDay", "--clicks-per-day"),
            Map.entry("validDays", "--valid-days"), Map.entry("testDays", "--test-days"), Map.entry("users", "--users"),
            Map.entry("advertisers", "--advertisers"), Map.entry("ads", "--ads"),
            Map.entry("definitionShift", "--definition-shift"), Map.entry("targetedDelivery", "--targeted-delivery"),
            Map.entry("postbackDelay", "--postback-delay"), Map.entry("attributionWindow", "--attribution-window"));

    @Spec
    CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "DIR",
            description = "Output directory; created if missing. A non-empty one must hold a previous "
                    + "simulator output unless --force is given.")
    Path out;

    @Option(names = "--days", paramLabel = "N",
            description = "Days to simulate; the last --test-days are the test split, the --valid-days before "
                    + "them validation, the rest training (default: ${DEFAULT-VALUE}).")
    int days = SimulatorConfig.DEFAULT.days();

    @Option(names = "--clicks-per-day", paramLabel = "N",
            description = "Clicks (samples) per day (default: ${DEFAULT-VALUE}).")
    int clicksPerDay = SimulatorConfig.DEFAULT.clicksPerDay();

    @Option(names = "--valid-days", paramLabel = "N", description = "Days in the validation split (default: ${DEFAULT-VALUE}).")
    int validDays = SimulatorConfig.DEFAULT.validDays();

    @Option(names = "--test-days", paramLabel = "N", description = "Days in the test split (default: ${DEFAULT-VALUE}).")
    int testDays = SimulatorConfig.DEFAULT.testDays();

    @Option(names = "--seed", paramLabel = "N", description = "Seed of every random draw (default: ${DEFAULT-VALUE}).")
    long seed = SimulatorConfig.DEFAULT.seed();

    @Option(names = "--users", paramLabel = "N", description = "Users in the population (default: ${DEFAULT-VALUE}).")
    int users = SimulatorConfig.DEFAULT.users();

    @Option(names = "--advertisers", paramLabel = "N",
            description = "Advertisers, at least one per action (default: ${DEFAULT-VALUE}).")
    int advertisers = SimulatorConfig.DEFAULT.advertisers();

    @Option(names = "--ads", paramLabel = "N", description = "Ads, at least one per advertiser (default: ${DEFAULT-VALUE}).")
    int ads = SimulatorConfig.DEFAULT.ads();

    @Option(names = "--no-shift",
            description = "Clicks ignore how well user and ad match: every industry, hence every target action, "
                    + "sees the same users (no distribution shift).")
    boolean noShift;

    @Option(names = "--reliable-reporting",
            description = "Every advertiser reports every action completely and at once (no postback delay): observed labels are "
                    + "the true ones.")
    boolean reliableReporting;

    @Option(names = "--no-skew",
            description = "Make the base rates of all actions similar (4-7.5%% of clicks) instead of 0.3-12%%.")
    boolean noSkew;

    @Option(names = "--full-labels",
            description = "Write the true label of every action (the oracle dataset); the clicks and the world are "
                    + "those of the same seed without this option.")
    boolean fullLabels;

    @Option(names = "--definition-shift", paramLabel = "S",
            description = "Conversion definitions differ by target: action j's logit for an advertiser targeting t "
                    + "gets S * g_{j,t}(user), a unit-variance function of the user's latent taste drawn per (action, "
                    + "target), so an action converts differently on its original and its extended samples; 0 to 5, "
                    + "0 = off (default: ${DEFAULT-VALUE}).")
    double definitionShift = SimulatorConfig.DEFAULT.definitionShift();

    @Option(names = "--targeted-delivery", paramLabel = "W",
            description = "Delivery optimised for the target on a signal the log does not hold: each candidate ad of "
                    + "a click has a latent intent eta ~ N(0,1), is kept with weight times exp(W * eta), and the "
                    + "kept click's target action gets W * eta on its logit, so the target converts more on "
                    + "delivered clicks than their features explain; 0 to 5, 0 = off (default: ${DEFAULT-VALUE}).")
    double targetedDelivery = SimulatorConfig.DEFAULT.targetedDelivery();

    @Option(names = "--postback-delay", paramLabel = "DAYS",
            description = "Delayed postbacks: each non-target conversion happens a geometric number of whole days "
                    + "after its click, with this mean, and is reported only if it happens by the end of the last "
                    + "day of the click's split (when that split's labels are collected) and within "
                    + "--attribution-window; the target action stays reported completely and at once. 0 = off, "
                    + "every conversion the same day (default: ${DEFAULT-VALUE}).")
    double postbackDelay = SimulatorConfig.DEFAULT.postbackDelay();

    @Option(names = "--attribution-window", paramLabel = "DAYS",
            description = "With --postback-delay: conversions later than DAYS after their click are never "
                    + "reported; 0 = no window (default: ${DEFAULT-VALUE}).")
    int attributionWindow = SimulatorConfig.DEFAULT.attributionWindow();

    @Option(names = "--force", description = "Write into a non-empty directory that is not a previous simulator output.")
    boolean force;

    @Override
    public Integer call() throws Exception {
        SimulatorConfig config = config();
        PrintWriter err = spec.commandLine().getErr();
        long start = System.nanoTime();
        long[] lastPrinted = {QUIET_MILLIS - PROGRESS_EVERY_MILLIS};
        SimulationSummary summary;
        try {
            summary = new Simulator(config).run(out, force, (day, total) -> {
                long elapsed = (System.nanoTime() - start) / 1_000_000;
                if (elapsed - lastPrinted[0] >= PROGRESS_EVERY_MILLIS) {
                    lastPrinted[0] = elapsed;
                    err.printf(Locale.ROOT, "simulate: day %d/%d done (%.1f s)%n", day + 1, total, elapsed / 1e3);
                    err.flush();
                }
            });
        } catch (FileAlreadyExistsException e) {
            throw invalid("--out", e.getMessage() + "; pass --force to write the simulator files next to its files");
        } catch (NotDirectoryException e) {
            throw invalid("--out", e.getFile() + " is not a directory");
        }
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.print(summary.table());
        stdout.flush();
        err.printf(Locale.ROOT, "simulate: wrote %d samples to %s in %.1f s%n", summary.totalSamples(), out,
                (System.nanoTime() - start) / 1e9);
        err.flush();
        return 0;
    }

    private SimulatorConfig config() {
        try {
            return SimulatorConfig.builder().seed(seed).days(days).clicksPerDay(clicksPerDay).validDays(validDays)
                    .testDays(testDays).users(users).advertisers(advertisers).ads(ads).noShift(noShift)
                    .reliableReporting(reliableReporting).noSkew(noSkew).fullLabels(fullLabels)
                    .definitionShift(definitionShift).targetedDelivery(targetedDelivery)
                    .postbackDelay(postbackDelay).attributionWindow(attributionWindow).build();
        } catch (InvalidKnobException e) {
            String option = OPTION_OF_KNOB.getOrDefault(e.knob(), e.knob());
            throw invalid(option, e.problem());
        }
    }

    private ParameterException invalid(String option, String problem) {
        return new ParameterException(spec.commandLine(), "Invalid value for option '" + option + "': " + problem);
    }
}
