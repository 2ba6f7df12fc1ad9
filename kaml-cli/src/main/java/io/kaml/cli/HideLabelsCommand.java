package io.kaml.cli;

import io.kaml.data.DatasetSpecParser;
import io.kaml.data.LabelHiding;
import io.kaml.data.LabelHidingReport;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "hide-labels", mixinStandardHelpOptions = true,
        description = {"Make an asymmetric dataset from a fully labelled one, as the paper's public check did.",
                "",
                "Each sample keeps its target label and K of the others; every other label becomes 0, as an unreported "
                        + "conversion does in real logs. --by sample draws the K per sample; --by advertiser fixes them per "
                        + "advertiser, like an advertiser that reports some actions and not others. Streams every split file, "
                        + "changing only the hidden label cells (same columns, header, separator and compression), writes a "
                        + "dataset.yaml whose truth still points at the original truth file, and prints per action how many "
                        + "positive labels were kept and hidden. The same seed gives the same files."},
        footer = {"", "Examples:",
                "  ./kaml simulate --out runs/oracle --full-labels",
                "  ./kaml hide-labels --data runs/oracle/dataset.yaml --keep target+2 \\",
                "      --out runs/public-check",
                "  ./kaml hide-labels --data runs/oracle/dataset.yaml --keep target+1 \\",
                "      --by advertiser --seed 7 --out runs/by-adv"})
final class HideLabelsCommand implements Callable<Integer> {
    @Option(names = "--data", required = true, paramLabel = "YAML", description = "The fully labelled dataset's spec (dataset.yaml).")
    Path data;

    @Option(names = "--keep", required = true, paramLabel = "target+K", converter = KeepConverter.class,
            description = "Labels each sample keeps: its target's and K others ('target' alone keeps none of the others).")
    int keep;

    @Option(names = "--by", paramLabel = "sample|advertiser", defaultValue = "sample",
            description = "Draw the kept labels per sample, or fix them per advertiser (default: ${DEFAULT-VALUE}).")
    String by;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1", description = "Seed of the random choice (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", required = true, paramLabel = "DIR",
            description = "Directory for the new split files and dataset.yaml; created if missing; a non-empty one only when it is a previous hide-labels output or with --force.")
    Path out;

    @Option(names = "--force", description = "Write into a non-empty --out directory (files of the same names are replaced).")
    boolean force;

    @Spec
    CommandSpec command;

    @Override
    public Integer call() throws IOException {
        LabelHiding.Mode mode = LabelHiding.Mode.parse(by);
        LabelHidingReport report;
        try {
            report = LabelHiding.hide(DatasetSpecParser.parse(data), keep, mode, seed, out, force);
        } catch (FileAlreadyExistsException e) {
            throw invalid(e.getMessage() + "; pass --force to write the new dataset's files into it");
        } catch (NotDirectoryException e) {
            throw invalid(e.getFile() + " is not a directory");
        }
        command.commandLine().getOut().print(report.toTable());
        return 0;
    }

    private ParameterException invalid(String problem) {
        return new ParameterException(command.commandLine(), "Invalid value for option '--out': " + problem);
    }

    static final class KeepConverter implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            try {
                return LabelHiding.parseKeep(value);
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
