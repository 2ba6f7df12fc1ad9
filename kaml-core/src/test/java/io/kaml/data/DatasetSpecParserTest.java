package io.kaml.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetSpecParserTest {
    @TempDir
    Path dir;

    private DatasetSpec parse(String yaml) throws IOException {
        Path file = dir.resolve("dataset.yaml");
        Files.writeString(file, yaml);
        return DatasetSpecParser.parse(file);
    }

    @Test
    void readsTheMinimalFormExactlyAsDocumented() throws IOException {
        DatasetSpec spec = parse(SmallDataset.SPEC);
        assertThat(spec.actions()).containsExactly("activation", "registration", "payment", "retention", "purchase");
        assertThat(spec.filesOf(Split.TRAIN).first()).isEqualTo(dir.toAbsolutePath().resolve("train.csv.gz"));
        assertThat(spec.log()).isNull();
        assertThat(spec.daysOf(Split.TRAIN)).isNull();
        assertThat(spec.columns().labels()).containsEntry("payment", "y_payment");
        assertThat(spec.columns().labels().keySet()).containsExactly("activation", "registration", "payment", "retention", "purchase");
        assertThat(spec.columns().categorical()).containsExactly("user_id", "ad_id", "age_band", "device");
        assertThat(spec.columns().numerical()).containsExactly("price");
        assertThat(spec.columns().id()).isNull();
        assertThat(spec.truth()).isNull();
        assertThat(spec.encoding()).isEqualTo(EncodingOptions.defaults());
        assertThat(spec.separatorFor(Path.of("x.tsv.gz"))).isEqualTo('\t');
        assertThat(spec.separatorFor(Path.of("x.csv"))).isEqualTo(',');
    }

    @Test
    void readsOptionalKeys() throws IOException {
        DatasetSpec spec = parse(SmallDataset.SPEC.replace("columns:\n", "columns:\n  id: sample_id\n")
                + "truth: truth.csv.gz\nseparator: tab\nencoding: {buckets: 1000, field_buckets: {user_id: 50}, numerical_transform: standardize, hash_seed: 3}\n");
        assertThat(spec.columns().id()).isEqualTo("sample_id");
        assertThat(spec.truth()).isEqualTo(dir.toAbsolutePath().resolve("truth.csv.gz"));
        assertThat(spec.separatorFor(Path.of("x.csv"))).isEqualTo('\t');
        assertThat(spec.encoding().bucketsPerField(spec.columns().categorical())).containsExactly(50, 1000, 1000, 1000);
        assertThat(spec.encoding().numericalTransform()).isEqualTo(NumericalTransform.STANDARDIZE);
        assertThat(spec.encoding().hashSeed()).isEqualTo(3);
    }

    @Test
    void unknownKeysAreErrorsThatNameTheKey() {
        assertThatThrownBy(() -> parse(SmallDataset.SPEC + "epochs: 3\n"))
                .isInstanceOf(DataException.class).hasMessageContaining("dataset.yaml").hasMessageContaining("key 'epochs': unknown key");
        assertThatThrownBy(() -> parse(SmallDataset.SPEC.replace("day: day", "day: day\n  weight: w")))
                .hasMessageContaining("key 'columns.weight': unknown key");
        assertThatThrownBy(() -> parse(SmallDataset.SPEC + "encoding: {bucket: 10}\n"))
                .hasMessageContaining("key 'encoding.bucket': unknown key");
    }

    @Test
    void labelsMustCoverExactlyTheActions() {
        assertThatThrownBy(() -> parse(SmallDataset.SPEC.replace("payment: y_payment,", "")))
                .hasMessageContaining("key 'columns.labels': no label column for action 'payment'");
        assertThatThrownBy(() -> parse(SmallDataset.SPEC.replace("purchase: y_purchase}", "purchase: y_purchase, install: y_install}")))
                .hasMessageContaining("key 'columns.labels.install': unknown key");
    }

    @Test
    void badValuesNameTheKey() {
        assertThatThrownBy(() -> parse(SmallDataset.SPEC.replace("files: {train: train.csv.gz, ", "files: {")))
                .hasMessageContaining("key 'files.train': missing");
        assertThatThrownBy(() -> parse(SmallDataset.SPEC + "encoding: {buckets: many}\n"))
                .hasMessageContaining("key 'encoding.buckets': expected an integer or auto, got 'many'");
        assertThatThrownBy(() -> parse(SmallDataset.SPEC + "encoding: {buckets: 1}\n"))
                .hasMessageContaining("encoding.buckets must be 2 to 67108864 or auto, got 1");
        // Issue 12: 2^31 - 1 buckets used to pass the parser and end in an ArithmeticException's stack trace.
        assertThatThrownBy(() -> parse(SmallDataset.SPEC + "encoding: {buckets: 2147483647}\n")).isInstanceOf(DataException.class)
                .hasMessageContaining("encoding.buckets must be 2 to 67108864 or auto, got 2147483647");
        assertThatThrownBy(() -> parse(SmallDataset.SPEC + "encoding: {field_buckets: {user_id: 100000000}}\n"))
                .isInstanceOf(DataException.class).hasMessageContaining("encoding.field_buckets.user_id must be 2 to 67108864");
        assertThatThrownBy(() -> parse(SmallDataset.SPEC + "encoding: {numerical_transform: cube}\n"))
                .hasMessageContaining("key 'encoding.numerical_transform': unknown numerical transform 'cube'");
        assertThatThrownBy(() -> parse(SmallDataset.SPEC + "separator: ';;'\n"))
                .hasMessageContaining("key 'separator': must be one character");
        assertThatThrownBy(() -> parse(SmallDataset.SPEC + "separator: \"\\U0001F600\"\n"))
                .hasMessageContaining("key 'separator': U+1F600 lies outside the Basic Multilingual Plane");
        assertThatThrownBy(() -> parse(SmallDataset.SPEC.replace("actions: [activation,", "actions: [payment, activation,")))
                .hasMessageContaining("key 'actions': 'payment' appears twice");
        assertThatThrownBy(() -> parse(SmallDataset.SPEC.replace("[user_id, ad_id,", "[user_id, price,")))
                .hasMessageContaining("key 'columns': 'price' appears twice");
        assertThatThrownBy(() -> parse(SmallDataset.SPEC.replace("actions: [activation, registration, payment, retention, purchase]", "actions: activation")))
                .hasMessageContaining("key 'actions': expected a list");
    }

    @Test
    void whatYamlWouldDropSilentlyIsAnError() {
        assertThatThrownBy(() -> parse(SmallDataset.SPEC + "actions: [a, b]\n"))
                .isInstanceOf(DataException.class).hasMessageContaining("not valid YAML: Duplicate field 'actions'");
        assertThatThrownBy(() -> parse(SmallDataset.SPEC + "---\nactions: [a]\n"))
                .isInstanceOf(DataException.class).hasMessageContaining("holds more than one YAML document");
        assertThatThrownBy(() -> parse(SmallDataset.SPEC + "separator: \"\\0\"\n"))
                .hasMessageContaining("key 'separator': must be 'tab' or one character that is no control character, double quote, letter or digit, got U+0000");
    }

    @Test
    void aSpecPathThatIsNoSpecFileIsRefusedBeforeReading() throws IOException {
        assertThatThrownBy(() -> DatasetSpecParser.parse(dir))
                .isInstanceOf(DataException.class).hasMessageContaining("must be a regular file");
        Path big = dir.resolve("big.yaml");
        Files.write(big, new byte[(int) DatasetSpecParser.MAX_SPEC_BYTES + 1]);
        assertThatThrownBy(() -> DatasetSpecParser.parse(big))
                .isInstanceOf(DataException.class).hasMessageContaining("is not a spec");
    }

    @Test
    void aSpecFromItsTextIsTheSpecOfTheFileWithThatText() throws IOException {
        String text = LogSpecTest.SPEC.replace("columns:\n", "columns:\n  id: sample_id\n")
                + "truth: truth.csv\nseparator: ';'\nencoding: {buckets: 1000, hash_seed: 3}\n";
        Path file = dir.resolve("dataset.yaml");
        // parsed before the file exists, as an executor parses the text the driver shipped
        DatasetSpec fromText = DatasetSpecParser.parse(file, text);
        Files.writeString(file, text);
        // DaySplit has no equals of its own: compare field by field
        assertThat(fromText).usingRecursiveComparison().isEqualTo(DatasetSpecParser.parse(file));
        assertThat(fromText.daySplit().countsDays()).isTrue();
        assertThat(fromText.log().dir()).isEqualTo(dir.toAbsolutePath());
    }

    @Test
    void aSpecFromItsTextNamesTheGivenPathAndResolvesAgainstIt() {
        Path driver = Path.of("/driver/specs/ads.yaml");
        assertThat(DatasetSpecParser.parse(driver, SmallDataset.SPEC).filesOf(Split.TRAIN).first())
                .isEqualTo(Path.of("/driver/specs/train.csv.gz"));
        assertThatThrownBy(() -> DatasetSpecParser.parse(driver, SmallDataset.SPEC + "---\nactions: [a]\n"))
                .isInstanceOfSatisfying(DataException.class, e -> assertThat(e.file()).isEqualTo(driver))
                .hasMessageStartingWith("/driver/specs/ads.yaml:").hasMessageContaining("holds more than one YAML document");
        assertThatThrownBy(() -> DatasetSpecParser.parse(driver, SmallDataset.SPEC + "epochs: 3\n"))
                .hasMessageStartingWith("/driver/specs/ads.yaml: key 'epochs': unknown key");
    }

    @Test
    void yamlSyntaxErrorsAndMissingFilesAreNamed() {
        assertThatThrownBy(() -> parse("actions: [a, b\nfiles: {"))
                .isInstanceOf(DataException.class).hasMessageContaining("not valid YAML");
        assertThatThrownBy(() -> DatasetSpecParser.parse(dir.resolve("missing.yaml")))
                .isInstanceOf(DataException.class).hasMessageContaining("missing.yaml").hasMessageContaining("not found");
    }

    @Test
    void bucketsAddingUpPastOneTableAreRefusedByTheEncoder() {
        int fields = 33;
        List<String> names = IntStream.range(0, fields).mapToObj(f -> "f" + f).toList();
        int[] buckets = new int[fields];
        Arrays.fill(buckets, EncodingOptions.MAX_BUCKETS);
        assertThatThrownBy(() -> new FeatureEncoder(List.of("a"), names, buckets, 0, List.of(),
                NumericalTransform.STANDARDIZE, null, MissingValues.UNKNOWN)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("buckets add up to more than 2147483647");
    }
}
