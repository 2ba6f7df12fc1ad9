package io.kaml.cli;

import io.kaml.data.AdvertiserIndex;
import io.kaml.data.BadRowReport;
import io.kaml.data.Batch;
import io.kaml.data.Dataset;
import io.kaml.data.DatasetSpec;
import io.kaml.data.FeatureEncoder;
import io.kaml.data.Split;
import io.kaml.data.SplitReader;
import io.kaml.loss.LossConfig;
import io.kaml.loss.MaskAudit;
import io.kaml.train.Preset;
import io.kaml.train.TrainingRows;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "audit", mixinStandardHelpOptions = true,
        description = {"Show your training data through ADM's eyes.",
                "",
                "Attribution-driven masking trusts an advertiser's label of an action when the advertiser reported at "
                        + "least alpha conversions of it in the window. Per action: samples the target-only mask uses and "
                        + "samples ADM adds; per advertiser: reported conversions and the share of its labels ADM trusts."},
        footer = {"", "Examples:",
                "  ./kaml audit --data runs/demo/data/dataset.yaml",
                "  ./kaml audit --data d/dataset.yaml --adm-alpha 20 --adm-window 7 \\",
                "      --advertisers 50"})
final class AuditCommand implements Callable<Integer> {
    @Mixin
    DataOptions data;

    @Mixin
    AdmOptions adm;

    @Option(names = "--advertisers", defaultValue = "20", paramLabel = "N",
            description = "How many advertisers to list, largest first (default: ${DEFAULT-VALUE}).")
    int advertisers;

    @Spec
    CommandSpec command;

    @Override
    public Integer call() {
        DatasetSpec spec = data.spec();
        PrintWriter err = command.commandLine().getErr();
        LossConfig config = Preset.ADM.loss(adm.config());
        MaskAudit audit;
        String notes;
        if (data.cache == null) {
            AdvertiserIndex index = new AdvertiserIndex();
            BadRowReport badRows = new BadRowReport();
            Batch train;
            try (SplitReader reader = SplitReader.open(spec, Split.TRAIN, FeatureEncoder.unfitted(spec), index, data.onBadRow, badRows)) {
                train = reader.readAll();
            }
            audit = MaskAudit.of(train, index, spec.actions(), config.labelMask(train, index.size()));
            notes = badRows.notes();
        } else {
            try (Dataset cached = Dataset.load(spec, data.onBadRow, data.cache, err::println)) {
                TrainingRows train = TrainingRows.of(cached);
                int n = cached.advertisers().size();
                audit = MaskAudit.of(train.blocks(), cached.advertisers(), spec.actions(),
                        config.labelMask(() -> train.counts(n), spec.actionCount()));
                notes = cached.readNotes();
            }
        }
        command.commandLine().getOut().print(audit.toTable(advertisers));
        if (!notes.isEmpty()) {
            err.println(notes);
        }
        return 0;
    }
}
