package org.mosipmigrate.restore.pg;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The post-data section of a schema dump (as pg_restore prints it), split into its TOC entries so that
 * index and key builds can run in parallel and each entry can be recorded as done.
 */
public record PostDataScript(String preamble, List<Entry> entries) {
    private static final Pattern HEADER = Pattern.compile("^-- Name: (.*?); Type: (.*?); Schema: (.*?); Owner: (.*)$");

    public PostDataScript {
        entries = List.copyOf(entries);
    }

    public record Entry(int ordinal, String type, String schema, String name, String sql) {
        /** Index and key builds touch one table each and can run side by side. */
        public boolean parallelizable() {
            return type.equals("INDEX") || (type.equals("CONSTRAINT") && !sql.contains("FOREIGN KEY"));
        }
    }

    public static PostDataScript parse(String script) {
        StringBuilder preamble = new StringBuilder();
        List<Entry> entries = new ArrayList<>();
        String[] lines = script.split("\n", -1);
        StringBuilder current = null;
        String[] header = null;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            Matcher m = HEADER.matcher(line);
            if (m.matches()) {
                if (current != null) {
                    add(entries, header, current);
                }
                header = new String[] {m.group(2), m.group(3), m.group(1)};
                current = new StringBuilder();
                continue;
            }
            if (line.startsWith("\\restrict") || line.startsWith("\\unrestrict") || line.startsWith("\\connect")) {
                continue; // psql meta-commands mean nothing over JDBC
            }
            if (line.equals("--") || line.startsWith("-- Dumped ") || line.startsWith("-- PostgreSQL database dump")) {
                continue; // pg_dump's own framing, never part of a statement
            }
            (current == null ? preamble : current).append(line).append('\n');
        }
        if (current != null) {
            add(entries, header, current);
        }
        return new PostDataScript(preamble.toString().strip(), entries);
    }

    private static void add(List<Entry> entries, String[] header, StringBuilder sql) {
        String text = sql.toString().strip();
        if (!text.isEmpty()) {
            entries.add(new Entry(entries.size(), header[0], header[1], header[2], text));
        }
    }
}
