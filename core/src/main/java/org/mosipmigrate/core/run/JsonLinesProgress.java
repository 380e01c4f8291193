package org.mosipmigrate.core.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.time.Instant;
import org.mosipmigrate.core.json.Json;

/**
 * Progress as JSON lines (one object per line) for log collectors: every event, and every text line as
 * {@code {"ts":..,"event":"info","message":..}}. {@code ts} is an ISO-8601 UTC instant.
 */
public final class JsonLinesProgress implements Progress {
    private final PrintWriter out;

    public JsonLinesProgress(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void info(String message) {
        ObjectNode n = Json.LINE.createObjectNode();
        n.put("ts", Instant.now().toString());
        n.put("event", "info");
        n.put("message", message);
        write(n);
    }

    @Override
    public void event(ProgressEvent event) {
        ObjectNode n = Json.LINE.createObjectNode();
        n.put("ts", Instant.now().toString());
        n.setAll((ObjectNode) Json.LINE.valueToTree(event));
        write(n);
    }

    private void write(ObjectNode n) {
        String line;
        try {
            line = Json.LINE.writeValueAsString(n);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a progress event cannot fail to serialize", e);
        }
        synchronized (out) {
            out.println(line);
            out.flush();
        }
    }
}
