package io.kaml.cli;

import io.kaml.data.BadRowPolicy;
import io.kaml.data.Dataset;
import io.kaml.data.DatasetSpec;
import io.kaml.data.Split;
import java.io.PrintWriter;
import java.util.Locale;

/** Reads a whole dataset with a line of progress before and after, as every training command does. */
final class DataLoading {
    private DataLoading() {
    }

    static Dataset load(DatasetSpec spec, BadRowPolicy policy, PrintWriter err) {
        long start = System.nanoTime();
        err.printf("reading %s ...%n", spec.source());
        err.flush();
        Dataset dataset = Dataset.load(spec, policy);
        if (!dataset.badRows().notes().isEmpty()) {
            err.println(dataset.badRows().notes());
        }
        err.printf(Locale.ROOT, "read %,d train / %,d valid / %,d test rows in %.1f s%n", dataset.split(Split.TRAIN).size(),
                dataset.split(Split.VALID).size(), dataset.split(Split.TEST).size(), (System.nanoTime() - start) / 1e9);
        err.flush();
        return dataset;
    }
}
