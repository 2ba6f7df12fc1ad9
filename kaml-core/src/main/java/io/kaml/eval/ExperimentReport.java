package io.kaml.eval;

import io.kaml.data.AtomicFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes an experiment's three reports into a directory: {@code report.json} for scripts,
 * {@code report.md} to read or paste, {@code report.html} with the same tables and the charts. Each
 * file is written atomically, so a reader never sees half a report.
 */
public final class ExperimentReport {
    public static final String JSON = "report.json";
    public static final String MARKDOWN = "report.md";
    public static final String HTML = "report.html";

    private ExperimentReport() {
    }

    /**
     * @param command the command line that ran the experiment, shown in the reports
     * @return the Markdown report, for printing
     */
    public static String write(ExperimentResult result, String command, Path directory) throws IOException {
        return write(result, command, directory, ExperimentSummary.BASE);
    }

    /**
     * @param reference the preset every other is compared with (RelaImpr, differences and their tests)
     * @return the Markdown report, for printing
     */
    public static String write(ExperimentResult result, String command, Path directory, String reference) throws IOException {
        Files.createDirectories(directory);
        ExperimentSummary summary = ExperimentSummary.of(result, reference);
        ReportHeader header = ReportHeader.now();
        List<ExperimentDocument.Section> sections = ExperimentDocument.sections(result, summary, header, command);
        String markdown = ExperimentMarkdown.render(sections);
        String html = ExperimentHtml.render(sections, chart -> ExperimentCharts.png(chart, result, summary));
        AtomicFile.write(directory.resolve(JSON), ExperimentJson.write(result, summary, header, command).getBytes(StandardCharsets.UTF_8));
        AtomicFile.write(directory.resolve(MARKDOWN), markdown.getBytes(StandardCharsets.UTF_8));
        AtomicFile.write(directory.resolve(HTML), html.getBytes(StandardCharsets.UTF_8));
        return markdown;
    }
}
