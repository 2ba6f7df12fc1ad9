package io.kaml.data;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Writes tiny datasets in the contract's minimal form for tests. */
final class SmallDataset {
    static final String SPEC = """
            actions: [activation, registration, payment, retention, purchase]
            files: {train: train.csv.gz, valid: valid.csv.gz, test: test.csv.gz}
            columns:
              advertiser: advertiser_id
              target: target_action
              day: day
              labels: {activation: y_activation, registration: y_registration, payment: y_payment,
                       retention: y_retention, purchase: y_purchase}
              numerical: [price]
              categorical: [user_id, ad_id, age_band, device]
            """;
    static final String HEADER = "day,advertiser_id,target_action,y_activation,y_registration,y_payment,y_retention,y_purchase,price,user_id,ad_id,age_band,device";
    static final String TRAIN = HEADER + """

            0,adv1,activation,1,0,0,0,0,10.5,u1,a1,18-24,ios
            0,adv1,activation,0,0,0,0,0,3,u2,a1,25-34,android
            1,adv2,payment,1,1,1,,0,99,u1,a2,18-24,ios
            1,adv2,payment,0,0,0,,0,,u3,a2,,android
            2,adv3,purchase,1,1,0,1,0,1e3,u4,a3,35-44,ios
            """;
    static final String VALID = HEADER + "\n3,adv1,activation,1,0,0,0,0,5,u1,a1,18-24,ios\n";
    static final String TEST = HEADER + "\n4,adv4,registration,0,0,0,0,0,7,u9,a9,18-24,web\n4,adv2,payment,1,1,1,0,0,20,u1,a2,18-24,ios\n";

    private SmallDataset() {
    }

    /** Writes spec and the three gzipped splits into {@code dir}; returns the spec path. */
    static Path write(Path dir, String train) {
        try {
            Files.writeString(dir.resolve("dataset.yaml"), SPEC);
            gzip(dir.resolve("train.csv.gz"), train);
            gzip(dir.resolve("valid.csv.gz"), VALID);
            gzip(dir.resolve("test.csv.gz"), TEST);
            return dir.resolve("dataset.yaml");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The same dataset with {@code separator} between fields and declared in the spec (quoted for YAML,
     * where several punctuation characters are syntax); returns the spec path.
     */
    static Path writeSeparated(Path dir, char separator) {
        String quoted = separator == '\'' ? "\"'\"" : "'" + separator + "'";
        try {
            Files.writeString(dir.resolve("dataset.yaml"), SPEC + "separator: " + quoted + "\n");
            gzip(dir.resolve("train.csv.gz"), TRAIN.replace(',', separator));
            gzip(dir.resolve("valid.csv.gz"), VALID.replace(',', separator));
            gzip(dir.resolve("test.csv.gz"), TEST.replace(',', separator));
            return dir.resolve("dataset.yaml");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void gzip(Path file, String text) throws IOException {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
    }
}
