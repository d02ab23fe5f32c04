package org.mailroom.bench;

import java.io.PrintStream;

/** What every workload needs: the server under test, the scale, the results table and the console. */
record Bench(Instance server, Scale scale, Results results, PrintStream out) {

    Progress progress(String label, long total, String unit) {
        return new Progress(out, label, total, unit);
    }

    static String rate(double perSecond) {
        return perSecond >= 100 ? String.format("%,.0f", perSecond) : String.format("%.1f", perSecond);
    }

    static String ms(double seconds) {
        return String.format("%.1f ms", seconds * 1000);
    }

    static String errorNote(Progress p) {
        return p.errors.get() == 0 ? "0 errors" : p.errors.get() + " errors (last: " + p.lastError() + ")";
    }
}
