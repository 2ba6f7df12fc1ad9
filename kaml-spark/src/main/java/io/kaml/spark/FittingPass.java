package io.kaml.spark;

import io.kaml.data.AdvertiserIndex;
import io.kaml.data.BadRowReport;
import io.kaml.data.Batch;
import io.kaml.data.DataException;
import io.kaml.data.DatasetSpec;
import io.kaml.data.EncoderFit;
import io.kaml.data.FeatureEncoder;
import io.kaml.data.Split;
import io.kaml.loss.AttributionCounts;
import java.io.Serial;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * What must be known before training starts, from one Spark pass over the whole table: the rows of each
 * split, the encoder's fit on the training rows (numerical statistics, features seen missing), the
 * advertisers and ADM's attribution counts.
 * Each partition is read as a local file would be and summarised; the driver merges the summaries in
 * partition order (statistics by Chan's pairwise update, counts exactly), so a table of one partition
 * fits the very encoder that {@code kaml train} fits on the same rows.
 */
final class FittingPass {
    private FittingPass() {
    }

    /**
     * @param rows        [split ordinal] rows read, after skipped ones
     * @param advertisers every advertiser of the table, in order of first appearance by partition
     * @param skipped     rows skipped under {@code --on-bad-row skip}, by reason
     * @param bucketNotes what sizing the buckets decided, as {@code kaml train} prints it
     */
    record Fitted(FeatureEncoder encoder, AdvertiserIndex advertisers, AttributionCounts.Tally attribution, long[] rows,
                  Map<String, Long> skipped, String bucketNotes) {
    }

    /** One partition's contribution. */
    record Summary(long[] rows, EncoderFit fit, List<String> advertisers, AttributionCounts.Tally attribution,
                   Map<String, Long> skipped) implements Serializable {
        @Serial
        private static final long serialVersionUID = 1L;
    }

    static Fitted run(Dataset<Row> table, TableRead read) {
        List<Summary> parts = table.javaRDD().mapPartitionsWithIndex(new Summarise(read, table.schema()), false).collect();
        DatasetSpec spec = read.spec();
        FeatureEncoder unfitted = FeatureEncoder.unfitted(spec);
        EncoderFit fit = new EncoderFit(unfitted);
        AdvertiserIndex advertisers = new AdvertiserIndex();
        AttributionCounts.Tally attribution = new AttributionCounts.Tally();
        long[] rows = new long[Split.values().length];
        Map<String, Long> skipped = new LinkedHashMap<>();
        for (Summary part : parts) {
            fit.merge(part.fit());
            attribution.merge(part.attribution(), part.advertisers().stream().mapToInt(advertisers::indexOf).toArray());
            for (int s = 0; s < rows.length; s++) {
                rows[s] += part.rows()[s];
            }
            part.skipped().forEach((reason, n) -> skipped.merge(reason, n, Long::sum));
        }
        if (rows[Split.TRAIN.ordinal()] == 0) {
            throw new DataException(Path.of(read.table()), 0, spec.columns().day(), "no row falls on the training days "
                    + read.days().get(Split.TRAIN).describe(spec.dayFormat()));
        }
        return new Fitted(fit.fitted(unfitted), advertisers, attribution, rows, skipped, fit.bucketNotes(unfitted));
    }

    /** Reads one partition and summarises it. */
    private record Summarise(TableRead read, StructType schema) implements Function2<Integer, Iterator<Row>, Iterator<Summary>> {
        @Serial
        private static final long serialVersionUID = 1L;

        @Override
        public Iterator<Summary> call(Integer partition, Iterator<Row> rows) {
            DatasetSpec spec = read.spec();
            FeatureEncoder unfitted = FeatureEncoder.unfitted(spec);
            EncoderFit fit = new EncoderFit(unfitted);
            AdvertiserIndex advertisers = new AdvertiserIndex();
            AttributionCounts.Tally attribution = new AttributionCounts.Tally();
            BadRowReport report = new BadRowReport();
            long[] counts = new long[Split.values().length];
            read.readBlocks(spec, unfitted, advertisers, report, "partition " + partition, schema, rows,
                    block -> {
                        for (int s = 0; s < counts.length; s++) {
                            counts[s] += block[s].size();
                        }
                        Batch train = block[Split.TRAIN.ordinal()];
                        fit.add(train);
                        attribution.add(train);
                    });
            return List.of(new Summary(counts, fit, advertisers.names(), attribution, new LinkedHashMap<>(report.counts())))
                    .iterator();
        }
    }
}
