package org.mosipmigrate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mosipmigrate.core.json.Json;
import org.mosipmigrate.testkit.PgServers;

/** --log-format json: every stderr line is one JSON event (phases, chunks, tables); the default stays text lines. */
class LogFormatTest {
    static final String DB = "logformat_src";

    @TempDir
    Path tmp;

    @Test
    void jsonLinesDescribeEveryPhaseAndChunk() throws Exception {
        PgServers.Pair pair = PgServers.local();
        pair.source().freshDatabase(DB);
        pair.source().execute(DB, "CREATE TABLE big (id int PRIMARY KEY, payload text)",
                "INSERT INTO big SELECT g, repeat(md5(g::text), 8) FROM generate_series(1, 20000) g",
                "CREATE TABLE small (id int)", "INSERT INTO small VALUES (1), (2), (3)", "ANALYZE");
        pair.target().dropDatabase(DB);
        CliHarness h = new CliHarness(pair, tmp, List.of(DB), "chunkSize: 1MiB\n");

        CliHarness.Run b = h.run("backup", "--log-format", "json");
        assertEquals(0, b.exit(), b::toString);
        List<JsonNode> events = parseLines(b.err());
        List<JsonNode> chunks = ofKind(events, "chunk");
        assertTrue(chunks.size() >= 3, "the big table is split into several chunks: " + b);
        long rows = 0;
        for (JsonNode c : chunks) {
            assertEquals("backup", c.path("phase").asText());
            assertEquals(DB, c.path("db").asText());
            assertTrue(c.path("table").asText().startsWith("public."));
            assertTrue(c.path("chunk").asText().startsWith("db/" + DB + "/table/"));
            assertTrue(c.path("bytes").asLong() > 0);
            rows += c.path("rows").asLong();
        }
        assertEquals(20003, rows, "the chunk events add up to every row");
        JsonNode start = ofKind(events, "phase-start").get(0);
        assertEquals(chunks.size(), start.path("total").asInt());
        assertEquals("chunk", start.path("unit").asText());
        JsonNode end = ofKind(events, "phase-end").get(0);
        assertEquals(chunks.size(), end.path("units").asInt());
        assertEquals(20003, end.path("rows").asLong());
        assertTrue(events.indexOf(start) < events.indexOf(chunks.get(0)) && events.indexOf(end) > events.indexOf(chunks.get(chunks.size() - 1)));
        assertFalse(ofKind(events, "info").isEmpty(), "text progress lines become info events");

        CliHarness.Run r = h.run("restore", "--log-format", "json");
        assertEquals(0, r.exit(), r::toString);
        assertEquals(chunks.size(), ofKind(parseLines(r.err()), "chunk").size(), "restore: one event per chunk loaded");

        CliHarness.Run v = h.run("verify", "--log-format", "json", "--no-evidence");
        assertEquals(0, v.exit(), v::toString);
        List<JsonNode> tables = ofKind(parseLines(v.err()), "table");
        assertEquals(2, tables.size(), v::toString);
        assertEquals("verify db", tables.get(0).path("phase").asText());

        CliHarness.Run text = h.run("verify", "--no-evidence");
        assertEquals(0, text.exit(), text::toString);
        assertTrue(text.err().lines().allMatch(l -> l.matches("\\[ *\\d+\\.\\ds\\] .*")), "default on a non-terminal: the text lines as before: " + text);
    }

    private static List<JsonNode> parseLines(String err) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (String line : err.lines().toList()) {
            JsonNode n = Json.MAPPER.readTree(line); // throws on any line that is not JSON
            assertTrue(n.isObject(), line);
            Instant.parse(n.path("ts").asText()); // every event has an ISO-8601 timestamp
            assertFalse(n.path("event").asText().isEmpty(), line);
            out.add(n);
        }
        assertFalse(out.isEmpty());
        return out;
    }

    private static List<JsonNode> ofKind(List<JsonNode> events, String kind) {
        return events.stream().filter(e -> e.path("event").asText().equals(kind)).toList();
    }
}
