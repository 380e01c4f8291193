package org.mosipmigrate.engine.rehearse;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mosipmigrate.core.error.ErrorCode;
import org.mosipmigrate.core.error.MigrateException;
import org.mosipmigrate.core.json.Json;

/**
 * {@code rehearsals.jsonl} in the report directory: one line per rehearsal (verdict, per-phase seconds, rows, bytes), so
 * each run can say how its phases compare with earlier ones and the DBA can size the cutover window from the trend.
 */
final class RehearsalHistory {
    static final String FILE = "rehearsals.jsonl";
    /** How many earlier rehearsals the comparison looks at. */
    static final int WINDOW = 5;

    private final Path file;

    RehearsalHistory(Path reportDir) {
        this.file = reportDir.resolve(FILE);
    }

    /** Per phase: this run's time and throughput against the median of the last {@value #WINDOW} passed rehearsals. */
    List<String> compare(List<Rehearsal.PhaseResult> phases) {
        List<JsonNode> earlier = read();
        List<String> out = new ArrayList<>();
        for (Rehearsal.PhaseResult p : phases) {
            List<Double> previous = new ArrayList<>();
            for (int i = earlier.size() - 1; i >= 0 && previous.size() < WINDOW; i--) {
                JsonNode run = earlier.get(i);
                JsonNode s = run.path("phases").path(p.name()).path("seconds");
                if ("PASSED".equals(run.path("verdict").asText()) && s.isNumber()) {
                    previous.add(s.asDouble());
                }
            }
            String rate = p.bytes() != null && p.seconds() > 0 ? String.format(", %.1f MiB/s", p.bytes() / p.seconds() / 1048576.0)
                    : p.rows() != null && p.seconds() > 0 ? String.format(", %,.0f rows/s", p.rows() / p.seconds()) : "";
            if (previous.isEmpty()) {
                out.add(String.format("%s: %.1fs%s (no earlier passed rehearsal to compare with)", p.name(), p.seconds(), rate));
            } else {
                double median = median(previous);
                out.add(String.format("%s: %.1fs%s vs median %.1fs of the last %d (%+.0f%%)", p.name(), p.seconds(), rate, median, previous.size(),
                        median > 0 ? (p.seconds() - median) / median * 100 : 0.0));
            }
        }
        return out;
    }

    void append(String stamp, String verdict, Path dir, List<Rehearsal.PhaseResult> phases) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("at", stamp);
        line.put("verdict", verdict);
        line.put("dir", dir.toString());
        Map<String, Object> ph = new LinkedHashMap<>();
        for (Rehearsal.PhaseResult p : phases) {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("seconds", p.seconds());
            one.put("exit", p.exit());
            one.put("rows", p.rows());
            one.put("bytes", p.bytes());
            one.put("objects", p.objects());
            ph.put(p.name(), one);
        }
        line.put("phases", ph);
        try {
            Files.writeString(file, Json.LINE.writeValueAsString(line) + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new MigrateException(ErrorCode.RUNTIME, "cannot append to " + file + ": " + e.getMessage(), null, e);
        }
    }

    private List<JsonNode> read() {
        List<JsonNode> out = new ArrayList<>();
        if (!Files.exists(file)) {
            return out;
        }
        try {
            for (String l : Files.readAllLines(file)) {
                if (!l.isBlank()) {
                    try {
                        out.add(Json.MAPPER.readTree(l));
                    } catch (IOException torn) {
                        // a line cut by a crash: skip it
                    }
                }
            }
        } catch (IOException e) {
            throw new MigrateException(ErrorCode.RUNTIME, "cannot read " + file + ": " + e.getMessage(), null, e);
        }
        return out;
    }

    private static double median(List<Double> values) {
        List<Double> s = new ArrayList<>(values);
        s.sort(Double::compare);
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }
}
