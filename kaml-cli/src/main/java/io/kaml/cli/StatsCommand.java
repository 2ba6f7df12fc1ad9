package io.kaml.cli;

import io.kaml.data.BadRowReport;
import io.kaml.data.DatasetSpec;
import io.kaml.data.DatasetStats;
import io.kaml.data.EncodedCache;
import io.kaml.data.Split;
import io.kaml.train.CachedRows;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "stats", mixinStandardHelpOptions = true,
        description = {"Show the label picture of a dataset: per action and per advertiser.",
                "",
                "Per action: how many samples target it, their positive rate, how many conversions are reported "
                        + "overall, how many advertisers target it and how many report it. Per advertiser: "
                        + "its target and its reported conversions of every action."},
        footer = {"", "Examples:",
                "  ./kaml stats --data runs/sim/dataset.yaml",
                "  ./kaml stats --data logs/dataset.yaml --split test --advertisers 100",
                "  ./kaml stats --data logs/dataset.yaml --on-bad-row skip"})
final class StatsCommand implements Callable<Integer> {
    @Mixin
    DataOptions data;

    @Option(names = "--split", defaultValue = "train", paramLabel = "train|valid|test",
            description = "Which split to describe (default: ${DEFAULT-VALUE}).")
    String split;

    @Option(names = "--advertisers", defaultValue = "20", paramLabel = "N",
            description = "How many advertisers to list, largest first (default: ${DEFAULT-VALUE}; 0 for none).")
    int advertisers;

    @Spec
    CommandSpec command;

    @Override
    public Integer call() {
        Split which = Split.parse(split);
        if (advertisers < 0) {
            throw new UserException("--advertisers must be 0 or more, got " + advertisers);
        }
        DatasetSpec spec = data.spec();
        PrintWriter out = command.commandLine().getOut();
        PrintWriter err = command.commandLine().getErr();
        DatasetStats stats;
        String notes;
        if (data.cache == null) {
            BadRowReport badRows = new BadRowReport();
            stats = DatasetStats.scan(spec, which, data.onBadRow, badRows);
            notes = badRows.notes();
        } else {
            try (EncodedCache cache = EncodedCache.open(spec, data.onBadRow, data.cache, err::println)) {
                stats = DatasetStats.of(new CachedRows(cache, which, 1).blocks(), spec.actions(), cache.advertisers());
                notes = cache.notes();
            }
        }
        out.printf("%s, split %s (%s)%n%n", spec.source(), which.key(), spec.describe(which));
        out.print(stats.toTable(advertisers));
        if (!notes.isEmpty()) {
            err.println(notes);
        }
        return 0;
    }
}
