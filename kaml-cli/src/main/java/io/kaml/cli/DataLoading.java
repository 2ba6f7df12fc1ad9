package io.kaml.cli;

import io.kaml.data.BadRowPolicy;
import io.kaml.data.Dataset;
import io.kaml.data.DatasetSpec;
import io.kaml.data.Split;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;

/** Reads a whole dataset with a line of progress before and after, as every training command does. */
final class DataLoading {
    private DataLoading() {
    }

    /**
     * @param cache the cache root ({@code --cache}), or null to read every split into memory; with a cache
     *              only the validation split is held, the training and test splits are streamed
     */
    static Dataset load(DatasetSpec spec, BadRowPolicy policy, Path cache, PrintWriter err) {
        long start = System.nanoTime();
        err.printf("reading %s ...%n", spec.source());
        err.flush();
        Dataset dataset = cache == null ? Dataset.load(spec, policy)
                : Dataset.load(spec, policy, cache, line -> {
                    err.println(line);
                    err.flush();
                }, Split.VALID);
        if (!dataset.readNotes().isEmpty()) {
            err.println(dataset.readNotes());
        }
        if (cache == null) {
            err.printf(Locale.ROOT, "read %,d train / %,d valid / %,d test rows in %.1f s%n", dataset.split(Split.TRAIN).size(),
                    dataset.split(Split.VALID).size(), dataset.split(Split.TEST).size(), (System.nanoTime() - start) / 1e9);
        } else {
            err.printf(Locale.ROOT, "read %,d train / %,d valid / %,d test rows in %.1f s (train and test streamed from the cache)%n",
                    dataset.cache().rows(Split.TRAIN), dataset.split(Split.VALID).size(), dataset.cache().rows(Split.TEST),
                    (System.nanoTime() - start) / 1e9);
        }
        err.flush();
        return dataset;
    }
}
