package io.kaml.eval;

import java.util.List;

/** {@code report.md}: the experiment's sections as Markdown, tables as pipe tables. */
final class ExperimentMarkdown {
    private ExperimentMarkdown() {
    }

    static String render(List<ExperimentDocument.Section> sections) {
        StringBuilder out = new StringBuilder();
        boolean first = true;
        for (ExperimentDocument.Section s : sections) {
            out.append(first ? "# " : "## ").append(s.heading()).append("\n\n");
            first = false;
            if (s.code() != null) {
                out.append("```\n").append(s.code()).append("\n```\n\n");
            }
            for (String paragraph : s.paragraphs()) {
                out.append(paragraph).append("\n\n");
            }
            if (s.table() != null) {
                table(out, s.table());
            }
            for (String reading : s.readings()) {
                out.append(reading).append("\n\n");
            }
        }
        return out.toString();
    }

    private static void table(StringBuilder out, ExperimentDocument.Table table) {
        row(out, table.header());
        out.append('|');
        for (int c = 0; c < table.header().size(); c++) {
            out.append(c == 0 ? " --- |" : " ---: |");
        }
        out.append('\n');
        table.rows().forEach(r -> row(out, r));
        out.append('\n');
    }

    private static void row(StringBuilder out, List<String> cells) {
        out.append('|');
        for (String cell : cells) {
            out.append(' ').append(cell.replace("|", "\\|")).append(" |");
        }
        out.append('\n');
    }
}
