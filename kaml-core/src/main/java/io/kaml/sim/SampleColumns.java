package io.kaml.sim;

import io.kaml.data.Split;
import java.util.ArrayList;
import java.util.List;

/**
 * The columns of the files the simulator writes, and the {@code dataset.yaml} that describes them to
 * the data reader. One place, so the header, the rows and the descriptor cannot disagree.
 */
public final class SampleColumns {
    public static final String ID = "sample_id";
    public static final String DAY = "day";
    public static final String ADVERTISER = "advertiser_id";
    public static final String TARGET = "target_action";
    public static final String SPLIT = "split";
    public static final String PRICE = "price";
    public static final String USER_ACTIVITY = "user_activity";

    public static final List<String> NUMERICAL = List.of(PRICE, USER_ACTIVITY);
    public static final List<String> CATEGORICAL = List.of(
            "user_id", "age_band", "gender", "city_tier", "device", "os",
            "ad_id", "campaign_id", "advertiser_cat", "industry", "creative_type",
            "placement", "hour", "weekday");

    public static final String TRUTH_FILE = "truth.csv.gz";
    public static final String DATASET_FILE = "dataset.yaml";
    public static final String CONFIG_FILE = "simulator.json";
    /** Each advertiser's true reporting completeness per action: the ground truth a reliability-aware mask is judged by. */
    public static final String REPORTING_FILE = "reporting.csv";

    private SampleColumns() {
    }

    /** The observed-label column of an action, e.g. {@code y_payment}. */
    public static String label(Action action) {
        return "y_" + action.key();
    }

    /** The true-probability column of an action in the truth file, e.g. {@code p_payment}. */
    public static String probability(Action action) {
        return "p_" + action.key();
    }

    /** The sample file of a split, e.g. {@code train.csv.gz}. */
    public static String fileName(Split split) {
        return split.key() + ".csv.gz";
    }

    /** The header of {@code train/valid/test.csv.gz}. */
    public static List<String> sampleHeader() {
        List<String> header = new ArrayList<>(List.of(ID, DAY, ADVERTISER, TARGET));
        for (Action action : Action.values()) {
            header.add(label(action));
        }
        header.addAll(NUMERICAL);
        header.addAll(CATEGORICAL);
        return List.copyOf(header);
    }

    /** The header of {@code truth.csv.gz}: true probability and true label of every action. */
    public static List<String> truthHeader() {
        List<String> header = new ArrayList<>(List.of(ID, SPLIT));
        for (Action action : Action.values()) {
            header.add(probability(action));
        }
        for (Action action : Action.values()) {
            header.add(label(action));
        }
        return List.copyOf(header);
    }

    /** The dataset descriptor, in the exact flow-style form the data reader parses. */
    static String datasetYaml() {
        List<String> labels = new ArrayList<>();
        for (Action action : Action.values()) {
            labels.add(action.key() + ": " + label(action));
        }
        return "actions: [" + String.join(", ", Action.keys()) + "]\n"
                + "files: {train: " + SampleColumns.fileName(Split.TRAIN) + ", valid: " + SampleColumns.fileName(Split.VALID)
                + ", test: " + SampleColumns.fileName(Split.TEST) + "}\n"
                + "truth: " + TRUTH_FILE + "\n"
                + "columns:\n"
                + "  id: " + ID + "\n"
                + "  advertiser: " + ADVERTISER + "\n"
                + "  target: " + TARGET + "\n"
                + "  day: " + DAY + "\n"
                + "  labels: {" + String.join(", ", labels) + "}\n"
                + "  numerical: [" + String.join(", ", NUMERICAL) + "]\n"
                + "  categorical: [" + String.join(", ", CATEGORICAL) + "]\n";
    }
}
