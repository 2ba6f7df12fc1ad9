package io.kaml.sim;

import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * A gzip-compressed CSV file written under a temporary name in its final directory and renamed into
 * place only by {@link #finish()}, so a reader never sees a half-written file. Closing without
 * finishing deletes the temporary file.
 */
final class GzipCsvFile implements Closeable {
    private static final int BUFFER = 1 << 16;

    private final Path temporary;
    private final Path target;
    private final CsvWriter csv;
    private boolean open = true;

    private GzipCsvFile(Path temporary, Path target, CsvWriter csv) {
        this.temporary = temporary;
        this.target = target;
        this.csv = csv;
    }

    static GzipCsvFile create(Path directory, String name, List<String> header) throws IOException {
        Path temporary = directory.resolve(OutputDirectory.temporaryName(name));
        var gzip = new FastGzip(new BufferedOutputStream(Files.newOutputStream(temporary), BUFFER));
        CsvWriter csv = CsvWriter.builder()
                .lineDelimiter(LineDelimiter.LF)
                .bufferSize(BUFFER)
                .build(new OutputStreamWriter(gzip, StandardCharsets.UTF_8));
        csv.writeRecord(header);
        return new GzipCsvFile(temporary, directory.resolve(name), csv);
    }

    CsvWriter csv() {
        return csv;
    }

    /** Completes the file and moves it to its final name, replacing any previous one. */
    void finish() throws IOException {
        csv.close();
        open = false;
        OutputDirectory.moveIntoPlace(temporary, target);
    }

    @Override
    public void close() throws IOException {
        if (open) {
            open = false;
            try {
                csv.close();
            } finally {
                Files.deleteIfExists(temporary);
            }
        }
    }

    /**
     * Gzip at the fastest level: compression is most of the simulator's run time, and the fastest
     * level costs a fraction of the default's time for files only somewhat larger.
     */
    private static final class FastGzip extends GZIPOutputStream {
        FastGzip(OutputStream out) throws IOException {
            super(out, BUFFER);
            def.setLevel(Deflater.BEST_SPEED);
        }
    }
}
