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
     *              only the validation and test splits are held, the training split is streamed
     */
    static Dataset load(DatasetSpec spec, BadRowPolicy policy, Path cache, PrintWriter err) {
        long start = System.nanoTime();
        err.printf("reading %s ...%n", spec.source());
        err.flush();
        Dataset dataset = cache == null ? Dataset.load(spec, policy)
                : Dataset.load(spec, policy, cache, line -> {
                    err.println(line);
                    err.flush();
                }, Split.VALID, Split.TEST);
        if (!dataset.readNotes().isEmpty()) {
            err.println(dataset.readNotes());
        }
        int train = cache == null ? dataset.split(Split.TRAIN).size() : dataset.cache().rows(Split.TRAIN);
        err.printf(Locale.ROOT, "read %,d train%s / %,d valid / %,d test rows in %.1f s%n", train, cache == null ? "" : " (streamed from the cache)",
                dataset.split(Split.VALID).size(), dataset.split(Split.TEST).size(), (System.nanoTime() - start) / 1e9);
        err.flush();
        return dataset;
    }
}
