package org.mosipmigrate.verify;

import java.util.ArrayList;
import java.util.List;
import org.mosipmigrate.verify.TableResult.Status;

/** The terminal rendering of a {@link VerifyReport}. */
final class ReportTable {
    private static final String[] HEADER = {"DATABASE", "TABLE", "SOURCE ROWS", "BACKUP ROWS", "TARGET ROWS", "STATUS"};

    private ReportTable() {
    }

    static String render(VerifyReport r) {
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADER);
        for (TableResult t : r.tables()) {
            rows.add(new String[] {t.db(), t.table(), count(t.sourceRows()), count(t.manifestRows()), count(t.targetRows()),
                t.status().name()});
        }
        int[] width = new int[HEADER.length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                width[i] = Math.max(width[i], row[i].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                boolean last = i == row.length - 1;
                boolean numeric = i >= 2 && i <= 4;
                sb.append(last ? row[i] : pad(row[i], width[i], numeric)).append(last ? "" : "  ");
            }
            sb.append('\n');
        }
        r.findings().stream().filter(f -> !f.aboutTableContent())
                .forEach(f -> sb.append(f.kind().name()).append(": ").append(f.message()).append('\n'));
        sb.append(summary(r)).append('\n');
        return sb.toString();
    }

    private static String summary(VerifyReport r) {
        long ok = r.tables().stream().filter(t -> t.status() == Status.OK).count();
        long mismatched = r.tables().stream().filter(t -> t.status() == Status.MISMATCH).count();
        long missing = r.tables().stream().filter(t -> t.status() == Status.MISSING).count();
        long censusBad = r.census().stream().filter(c -> !c.matches()).count();
        long seqBad = r.sequences().stream().filter(s -> !s.matches()).count();
        return (r.passed() ? "PASSED" : "FAILED") + ": " + r.tables().size() + " tables (" + ok + " ok, " + mismatched
                + " mismatched, " + missing + " missing), " + r.census().size() + " schema object counts (" + censusBad
                + " differ), " + r.sequences().size() + " sequences (" + seqBad + " differ), " + r.findings().size() + " findings";
    }

    private static String count(Long n) {
        return n == null ? "-" : Long.toString(n);
    }

    private static String pad(String s, int width, boolean right) {
        String fill = " ".repeat(width - s.length());
        return right ? fill + s : s + fill;
    }
}
