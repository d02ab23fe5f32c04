package org.mailroom.bench;

import java.util.ArrayList;
import java.util.List;

/** The results table: one row per figure, printed aligned and written as Markdown. */
final class Results {

    record Row(String workload, String measure, String value, String note) {
    }

    private final List<Row> rows = new ArrayList<>();

    synchronized void add(String workload, String measure, String value, String note) {
        rows.add(new Row(workload, measure, value, note));
    }

    synchronized List<Row> rows() {
        return List.copyOf(rows);
    }

    synchronized String text() {
        int w = "workload".length();
        int m = "measure".length();
        int v = "value".length();
        for (Row r : rows) {
            w = Math.max(w, r.workload().length());
            m = Math.max(m, r.measure().length());
            v = Math.max(v, r.value().length());
        }
        String format = "%-" + w + "s  %-" + m + "s  %" + v + "s  %s%n";
        StringBuilder sb = new StringBuilder(String.format(format, "workload", "measure", "value", "note"));
        sb.append("-".repeat(w + m + v + 10)).append('\n');
        for (Row r : rows) {
            sb.append(String.format(format, r.workload(), r.measure(), r.value(), r.note()));
        }
        return sb.toString();
    }

    synchronized String markdown() {
        StringBuilder sb = new StringBuilder("| workload | measure | value | note |\n| --- | --- | ---: | --- |\n");
        for (Row r : rows) {
            sb.append("| ").append(r.workload()).append(" | ").append(r.measure()).append(" | ")
                    .append(r.value()).append(" | ").append(r.note().replace("|", "\\|")).append(" |\n");
        }
        return sb.toString();
    }
}
