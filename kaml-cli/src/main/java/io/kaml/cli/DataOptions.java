package io.kaml.cli;

import io.kaml.data.BadRowPolicy;
import io.kaml.data.DatasetSpec;
import io.kaml.data.DatasetSpecParser;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options every command that reads a dataset shares. */
final class DataOptions {
    @Option(names = "--data", required = true, paramLabel = "YAML",
            description = "The dataset spec (dataset.yaml) next to its files.")
    Path data;

    @Option(names = "--on-bad-row", paramLabel = "fail|skip", defaultValue = "fail",
            converter = BadRowPolicyConverter.class,
            description = "What to do with a row that breaks the data contract: fail (default) stops at it with file, line and column; skip leaves it out and reports counts by reason.")
    BadRowPolicy onBadRow;

    @Option(names = "--cache", paramLabel = "DIR",
            description = "Encode the dataset once into an on-disk cache under DIR (reused while the spec and its files are unchanged, rebuilt with the reason when they change) and stream the training split from it, so it need not fit in memory.")
    Path cache;

    DatasetSpec spec() {
        return DatasetSpecParser.parse(data);
    }

    static final class BadRowPolicyConverter implements picocli.CommandLine.ITypeConverter<BadRowPolicy> {
        @Override
        public BadRowPolicy convert(String value) {
            return switch (value) {
                case "fail" -> BadRowPolicy.FAIL;
                case "skip" -> BadRowPolicy.SKIP;
                default -> throw new picocli.CommandLine.TypeConversionException("expected fail or skip, got '" + value + "'");
            };
        }
    }
}
