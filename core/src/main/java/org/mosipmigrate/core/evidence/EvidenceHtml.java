package org.mosipmigrate.core.evidence;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.mosipmigrate.core.evidence.EvidencePack.BucketEvidence;
import org.mosipmigrate.core.evidence.EvidencePack.DatabaseEvidence;
import org.mosipmigrate.core.evidence.EvidencePack.KeyEvidence;
import org.mosipmigrate.core.evidence.EvidencePack.KeystoreEvidence;
import org.mosipmigrate.core.evidence.EvidencePack.Migration;
import org.mosipmigrate.core.evidence.EvidencePack.Mismatch;
import org.mosipmigrate.core.evidence.EvidencePack.Phase;
import org.mosipmigrate.core.evidence.EvidencePack.SchemaEvidence;
import org.mosipmigrate.core.evidence.EvidencePack.TableEvidence;

/**
 * The human-readable side of an evidence pack: one self-contained HTML page (inline CSS, inline SVG chart, no
 * script, no external resource) for a person to read, print and sign. Order: the verdict banner, the facts
 * of the run, per-phase timings as a bar chart, the mismatches, then the tables of counts and hashes, then
 * the sign-off block. Every value that comes from data is HTML-escaped.
 */
public final class EvidenceHtml {
    public static final String PASSED_COLOUR = "#1a7f37";
    public static final String FAILED_COLOUR = "#c62828";

    private static final String CSS = """
            *{box-sizing:border-box}
            body{margin:0;font:14px/1.45 "DejaVu Sans",Arial,Helvetica,sans-serif;color:#1f2328;background:#fff}
            main{padding:0 32px 32px}
            .verdict{margin:0;padding:24px 32px;color:#fff}
            .verdict.passed{background:%s}
            .verdict.failed{background:%s}
            .verdict .word{font-size:56px;font-weight:700;letter-spacing:2px;line-height:1.1}
            .verdict .what{font-size:16px;opacity:.95}
            h2{margin:28px 0 8px;font-size:19px;border-bottom:1px solid #d0d7de;padding-bottom:4px}
            h3{margin:18px 0 6px;font-size:15px}
            dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:2px 16px;margin:16px 0}
            dl.facts dt{font-weight:600;color:#57606a}
            dl.facts dd{margin:0;word-break:break-all}
            table{border-collapse:collapse;width:100%%;margin:6px 0 12px;font-size:12.5px}
            th,td{border:1px solid #d0d7de;padding:3px 6px;text-align:left;vertical-align:top}
            th{background:#f6f8fa}
            td.num{text-align:right;font-variant-numeric:tabular-nums}
            td.hash{font-family:"DejaVu Sans Mono",monospace;font-size:11px;word-break:break-all}
            tr.bad td{background:#fdecea}
            tr.bad td:first-child{border-left:4px solid %s}
            .status-bad{color:%s;font-weight:700}
            .status-ok{color:%s}
            .none{color:#57606a;font-style:italic}
            .unsigned{color:%s;font-weight:700}
            .signoff td{height:46px}
            footer{margin-top:24px;color:#57606a;font-size:12px}
            @media print{.verdict{-webkit-print-color-adjust:exact;print-color-adjust:exact}}
            """.formatted(PASSED_COLOUR, FAILED_COLOUR, FAILED_COLOUR, FAILED_COLOUR, PASSED_COLOUR, FAILED_COLOUR);

    private EvidenceHtml() {
    }

    /** The page for {@code pack}; {@code signedBy} is the key id the pack will be signed with, or null when unsigned. */
    public static String render(EvidencePack pack, String signedBy) {
        StringBuilder h = new StringBuilder(16_384);
        boolean passed = pack.passed();
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
         .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
         .append("<title>").append(esc(pack.verdict())).append(" — mosip-migrate ").append(esc(pack.command())).append(" evidence</title>")
         .append("<style>").append(CSS).append("</style></head>\n<body>\n");
        h.append("<header id=\"verdict\" class=\"verdict ").append(passed ? "passed" : "failed").append("\">")
         .append("<div class=\"word\">").append(esc(pack.verdict())).append("</div>")
         .append("<div class=\"what\">mosip-migrate ").append(esc(pack.command())).append(" · ")
         .append(passed ? "no difference found" : pack.mismatches().size() + " mismatch(es)")
         .append(" · ").append(esc(pack.createdAt())).append("</div></header>\n<main>\n");
        facts(h, pack, signedBy);
        timings(h, pack.phases());
        mismatches(h, pack.mismatches());
        databases(h, pack.databases());
        tables(h, pack.tables());
        objects(h, pack);
        keystores(h, pack.keystores());
        schema(h, pack.schema());
        if (!pack.notes().isEmpty()) {
            h.append("<h2>Notes</h2><ul>");
            pack.notes().forEach(n -> h.append("<li>").append(esc(n)).append("</li>"));
            h.append("</ul>\n");
        }
        signOff(h);
        h.append("<footer>evidence.json beside this page holds the same data and the SHA-256 of this page, under one signature.")
         .append(" Check both with: <code>mosip-migrate evidence check &lt;this directory&gt; --config &lt;migration.yaml&gt;</code>")
         .append("</footer>\n</main>\n</body></html>\n");
        return h.toString();
    }

    private static void facts(StringBuilder h, EvidencePack p, String signedBy) {
        h.append("<dl class=\"facts\">");
        fact(h, "command", p.command());
        fact(h, "tool", p.tool());
        fact(h, "created (UTC)", p.createdAt());
        if (p.config() != null) {
            fact(h, "config file", p.config().file());
            fact(h, "config digest", "SHA-256 " + p.config().sha256());
        }
        if (p.source() != null) {
            var s = p.source();
            fact(h, "backup set", s.backupSet());
            fact(h, "backup run", s.runId() == null ? null : s.runId() + " (finished " + s.backupCreatedAt() + ")");
            fact(h, "source server", s.host() == null ? null : s.host() + ":" + s.port() + ", PostgreSQL " + s.serverVersionNum());
            if (s.snapshots() != null && !s.snapshots().isEmpty()) {
                StringBuilder snaps = new StringBuilder();
                s.snapshots().forEach((db, ids) -> snaps.append(snaps.length() == 0 ? "" : "; ").append(db).append(": ").append(String.join(", ", ids)));
                fact(h, "source snapshots", snaps.toString());
            }
            fact(h, "source LSN", s.lsn() == null ? "not recorded" : s.lsn());
        }
        h.append("<dt>signature</dt><dd>").append(signedBy == null
                ? "<span class=\"unsigned\">UNSIGNED</span> — no key was configured; this page and evidence.json cannot be proven unmodified"
                : "signed with key " + esc(signedBy) + " (HMAC-SHA256; see evidence.json)").append("</dd>");
        h.append("</dl>\n");
    }

    private static void fact(StringBuilder h, String name, String value) {
        if (value != null) {
            h.append("<dt>").append(esc(name)).append("</dt><dd>").append(esc(value)).append("</dd>");
        }
    }

    /** Horizontal bars, one per phase, length proportional to its wall time. */
    static void timings(StringBuilder h, List<Phase> phases) {
        h.append("<h2>Timings per phase</h2>\n");
        if (phases.isEmpty()) {
            h.append("<p class=\"none\">no timed phases</p>\n");
            return;
        }
        double max = phases.stream().mapToDouble(Phase::seconds).max().orElse(0);
        int labelW = 220;
        int barMax = 520;
        int rowH = 26;
        int height = phases.size() * rowH + 10;
        h.append("<svg id=\"timings\" xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(labelW + barMax + 260).append("\" height=\"")
         .append(height).append("\" role=\"img\" aria-label=\"seconds per phase\">");
        for (int i = 0; i < phases.size(); i++) {
            Phase ph = phases.get(i);
            int y = 5 + i * rowH;
            int w = max <= 0 ? 1 : (int) Math.max(1, Math.round(ph.seconds() / max * barMax));
            String colour = Boolean.FALSE.equals(ph.passed()) ? FAILED_COLOUR : "#0969da";
            h.append("<text x=\"").append(labelW - 8).append("\" y=\"").append(y + 16).append("\" text-anchor=\"end\" font-size=\"13\">")
             .append(esc(ph.name())).append("</text>");
            h.append("<rect x=\"").append(labelW).append("\" y=\"").append(y + 3).append("\" width=\"").append(w).append("\" height=\"")
             .append(rowH - 8).append("\" fill=\"").append(colour).append("\"><title>").append(esc(ph.name())).append("</title></rect>");
            h.append("<text x=\"").append(labelW + w + 6).append("\" y=\"").append(y + 16).append("\" font-size=\"12\">")
             .append(esc(String.format(Locale.ROOT, "%.1f s%s", ph.seconds(), throughput(ph)))).append("</text>");
        }
        h.append("</svg>\n");
        table(h, List.of("phase", "started (UTC)", "seconds", "units", "rows", "bytes", "result"), phases, ph -> !Boolean.FALSE.equals(ph.passed()),
                ph -> List.of(text(ph.name()), text(ph.startedAt()), num(String.format(Locale.ROOT, "%.3f", ph.seconds())),
                        num(ph.units() == null ? "" : String.format(Locale.ROOT, "%,d %s", ph.units(), ph.unit() == null ? "" : ph.unit())), num(ph.rows()), num(ph.bytes()),
                        status(ph.passed() == null ? "" : ph.passed() ? "passed" : "failed", !Boolean.FALSE.equals(ph.passed()))));
    }

    private static String throughput(Phase ph) {
        if (ph.seconds() <= 0) {
            return "";
        }
        if (ph.rows() != null && ph.rows() > 0) {
            return String.format(Locale.ROOT, " · %,.0f rows/s", ph.rows() / ph.seconds());
        }
        if (ph.bytes() != null && ph.bytes() > 0) {
            return String.format(Locale.ROOT, " · %.1f MiB/s", ph.bytes() / ph.seconds() / (1 << 20));
        }
        return "";
    }

    private static void mismatches(StringBuilder h, List<Mismatch> ms) {
        h.append("<h2 id=\"mismatches\">Mismatches (").append(ms.size()).append(")</h2>\n");
        if (ms.isEmpty()) {
            h.append("<p class=\"none\">none: every compared item is equal</p>\n");
            return;
        }
        table(h, List.of("part", "database", "item", "kind", "expected", "actual", "message"), ms, m -> false,
                m -> List.of(text(m.part()), text(m.db()), text(m.item()), status(m.kind(), false), text(m.expected()), text(m.actual()), text(m.message())));
    }

    private static void databases(StringBuilder h, List<DatabaseEvidence> dbs) {
        if (dbs.isEmpty()) {
            return;
        }
        h.append("<h2>Databases (target)</h2>\n");
        table(h, List.of("database", "tables", "rows", "schema objects", "sequences", "migrations applied"), dbs, d -> true,
                d -> List.of(text(d.name()), num(d.tables()), num(d.targetRows()), text(census(d.targetCensus())), num(d.sequences()),
                        text(d.migrations() == null ? "no migration history" : d.migrations().size() + (d.migrations().isEmpty() ? ""
                                : ", last " + d.migrations().get(d.migrations().size() - 1).version()))));
        for (DatabaseEvidence d : dbs) {
            if (d.migrations() != null && !d.migrations().isEmpty()) {
                h.append("<h3>Migrations of ").append(esc(d.name())).append("</h3>\n");
                table(h, List.of("rank", "version", "description", "script", "checksum", "success"), d.migrations(), Migration::success,
                        m -> List.of(num(m.rank()), text(m.version()), text(m.description()), text(m.script()), text(m.checksum()),
                                status(m.success() ? "yes" : "FAILED", m.success())));
            }
        }
    }

    private static String census(Map<String, Long> census) {
        if (census == null || census.isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        census.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ", ").append(k).append(' ').append(v));
        return sb.toString();
    }

    private static void tables(StringBuilder h, List<TableEvidence> ts) {
        if (ts.isEmpty()) {
            return;
        }
        long bad = ts.stream().filter(t -> !"OK".equals(t.status())).count();
        h.append("<h2>Tables (").append(ts.size()).append(", ").append(bad).append(" not equal)</h2>\n");
        table(h, List.of("database", "table", "cols", "source rows", "manifest rows", "target rows", "source hash", "manifest hash", "target hash", "status"),
                ts, t -> "OK".equals(t.status()),
                t -> List.of(text(t.db()), text(t.table()), num(t.columns()), num(t.sourceRows()), num(t.manifestRows()), num(t.targetRows()),
                        hash(t.sourceHash()), hash(t.manifestHash()), hash(t.targetHash()), status(t.status(), "OK".equals(t.status()))));
    }

    private static void objects(StringBuilder h, EvidencePack p) {
        var o = p.objects();
        if (o == null) {
            return;
        }
        h.append("<h2>Objects</h2>\n<p>").append(esc(String.format(Locale.ROOT, "%s%s: %,d bucket(s), %,d object(s), %,d bytes, %,d difference(s)",
                o.mode(), o.deep() ? " (deep: content re-read)" : "", o.buckets(), o.objects(), o.bytes(), o.differences()))).append("</p>\n");
        if (o.perBucket() != null && !o.perBucket().isEmpty()) {
            table(h, List.of("bucket", "expected objects", "expected bytes", "target objects", "target bytes", "status"), o.perBucket(),
                    b -> "OK".equals(b.status()), (BucketEvidence b) -> List.of(text(b.bucket()), num(b.expectedObjects()), num(b.expectedBytes()),
                            num(b.targetObjects()), num(b.targetBytes()), status(b.status(), "OK".equals(b.status()))));
        }
    }

    private static void keystores(StringBuilder h, List<KeystoreEvidence> ks) {
        if (ks.isEmpty()) {
            return;
        }
        h.append("<h2>Keystores</h2>\n");
        table(h, List.of("keystore", "type", "files", "compared", "opened", "entries", "status"), ks, k -> "OK".equals(k.status()),
                k -> List.of(text(k.name()), text(k.type()), num(k.files()), text(String.join(" + ", k.sides())), text(k.opened() ? "yes" : "no (no PIN/password)"),
                        num(k.keys() == null ? 0 : k.keys().size()), status(k.status(), "OK".equals(k.status()))));
        for (KeystoreEvidence k : ks) {
            if (k.keys() != null && !k.keys().isEmpty()) {
                h.append("<h3>Objects of ").append(esc(k.name())).append("</h3>\n");
                table(h, List.of("object", "kind", "algorithm", "valid until", "certificate SHA-256", "round trip"), k.keys(),
                        e -> e.signVerify() == null || "ok".equals(e.signVerify()),
                        (KeyEvidence e) -> List.of(text(e.key()), text(e.kind()), text(e.algorithm()), text(e.notAfter()), hash(e.certSha256()),
                                text(e.signVerify())));
            }
        }
    }

    private static void schema(StringBuilder h, List<SchemaEvidence> ss) {
        if (ss.isEmpty()) {
            return;
        }
        h.append("<h2>Schema</h2>\n");
        table(h, List.of("database", "compared with", "exists", "unexpected differences", "known differences", "status"), ss, SchemaEvidence::passed,
                s -> List.of(text(s.db()), text("MOSIP " + s.version()), text(s.exists() ? "yes" : "no"), num(s.unexpected()), num(s.known()),
                        status(s.passed() ? "OK" : "MISMATCH", s.passed())));
    }

    private static void signOff(StringBuilder h) {
        h.append("<h2>Sign-off</h2>\n<p>I have read this report and accept the verdict above.</p>\n")
         .append("<table class=\"signoff\"><tr><th style=\"width:24%\">role</th><th style=\"width:28%\">name</th><th style=\"width:18%\">date</th>")
         .append("<th>signature</th></tr>");
        for (String role : List.of("Migration operator (DBA)", "Reviewer", "Approver (system owner)")) {
            h.append("<tr><td>").append(role).append("</td><td></td><td></td><td></td></tr>");
        }
        h.append("</table>\n");
    }

    /** A cell already rendered as HTML ({@code <td ...>...</td>}). */
    private record Cell(String html) {
    }

    private static Cell text(Object v) {
        return new Cell("<td>" + (v == null ? "" : esc(String.valueOf(v))) + "</td>");
    }

    private static Cell num(Object v) {
        String s = v == null ? "" : v instanceof Long || v instanceof Integer ? String.format(Locale.ROOT, "%,d", v) : String.valueOf(v);
        return new Cell("<td class=\"num\">" + esc(s) + "</td>");
    }

    private static Cell hash(String v) {
        return new Cell("<td class=\"hash\">" + (v == null ? "" : esc(v)) + "</td>");
    }

    private static Cell status(String v, boolean ok) {
        return new Cell("<td class=\"" + (ok ? "status-ok" : "status-bad") + "\">" + (v == null ? "" : esc(v)) + "</td>");
    }

    private static <T> void table(StringBuilder h, List<String> headers, List<T> rows, java.util.function.Predicate<T> ok, Function<T, List<Cell>> cells) {
        h.append("<table><thead><tr>");
        headers.forEach(c -> h.append("<th>").append(esc(c)).append("</th>"));
        h.append("</tr></thead><tbody>\n");
        for (T r : rows) {
            h.append(ok.test(r) ? "<tr>" : "<tr class=\"bad\">");
            cells.apply(r).forEach(c -> h.append(c.html()));
            h.append("</tr>\n");
        }
        h.append("</tbody></table>\n");
    }

    /** Escapes text for HTML element content and quoted attribute values. */
    public static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }
}
