package org.mosipmigrate.cli.commands;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.PrintWriter;
import org.mosipmigrate.core.json.Json;

/** Renders a result record as JSON or as key: value lines. */
final class Output {
    private Output() {
    }

    static void print(PrintWriter out, Object result, boolean json) {
        try {
            if (json) {
                out.println(Json.MAPPER.writeValueAsString(result));
            } else {
                var tree = Json.MAPPER.valueToTree(result);
                tree.fields().forEachRemaining(e -> out.printf("%-16s %s%n", e.getKey() + ":", e.getValue().isTextual() ? e.getValue().asText() : e.getValue()));
            }
            out.flush();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
