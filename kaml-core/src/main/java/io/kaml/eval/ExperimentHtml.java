package io.kaml.eval;

import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * {@code report.html}: the same sections as {@code report.md} plus the charts, in one file with
 * nothing to fetch (styles inline, images as base64 PNG), so it can be mailed or archived as is.
 */
final class ExperimentHtml {
    private static final String STYLE = """
            body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#222}
            table{border-collapse:collapse;margin:0.5em 0 1.5em}
            th,td{border:1px solid #ccc;padding:0.25em 0.6em;text-align:right;font-variant-numeric:tabular-nums}
            th:first-child,td:first-child{text-align:left}
            th{background:#f3f3f3}
            pre{background:#f6f6f6;padding:0.6em;overflow-x:auto}
            img{max-width:100%;display:block;margin:0.5em 0 1.5em}
            """;

    private ExperimentHtml() {
    }

    /** @param charts the PNG of each chart a section asks for, or null for a chart with nothing to draw */
    static String render(List<ExperimentDocument.Section> sections, Function<ExperimentDocument.Chart, byte[]> charts) {
        StringBuilder out = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
                .append(escape(sections.getFirst().heading())).append("</title>\n<style>\n").append(STYLE).append("</style>\n</head>\n<body>\n");
        boolean first = true;
        for (ExperimentDocument.Section s : sections) {
            String tag = first ? "h1" : "h2";
            first = false;
            out.append('<').append(tag).append('>').append(escape(s.heading())).append("</").append(tag).append(">\n");
            if (s.code() != null) {
                out.append("<pre>").append(escape(s.code())).append("</pre>\n");
            }
            for (String paragraph : s.paragraphs()) {
                out.append("<p>").append(escape(paragraph)).append("</p>\n");
            }
            if (s.table() != null) {
                table(out, s.table());
            }
            for (String reading : s.readings()) {
                out.append("<p>").append(escape(reading)).append("</p>\n");
            }
            byte[] png = s.chart() == null ? null : charts.apply(s.chart());
            if (png != null) {
                out.append("<img alt=\"").append(escape(s.chart().kind().name().toLowerCase(Locale.ROOT) + " chart"))
                        .append("\" src=\"data:image/png;base64,").append(Base64.getEncoder().encodeToString(png)).append("\">\n");
            }
        }
        return out.append("</body>\n</html>\n").toString();
    }

    private static void table(StringBuilder out, ExperimentDocument.Table table) {
        out.append("<table>\n<tr>");
        table.header().forEach(h -> out.append("<th>").append(escape(h)).append("</th>"));
        out.append("</tr>\n");
        for (List<String> row : table.rows()) {
            out.append("<tr>");
            row.forEach(cell -> out.append("<td>").append(escape(cell)).append("</td>"));
            out.append("</tr>\n");
        }
        out.append("</table>\n");
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
