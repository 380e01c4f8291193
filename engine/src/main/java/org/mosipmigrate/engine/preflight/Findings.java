package org.mosipmigrate.engine.preflight;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the checks of one run found and measured; thread-safe, filled by the checks in turn. */
public final class Findings {
    private final List<Finding> findings = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, Object> facts = Collections.synchronizedMap(new LinkedHashMap<>());

    public void add(Finding f) {
        findings.add(f);
    }

    /** A measured fact for the report (e.g. "source.version"), not a finding. */
    public void fact(String key, Object value) {
        facts.put(key, value);
    }

    public List<Finding> all() {
        synchronized (findings) {
            return List.copyOf(findings);
        }
    }

    public Map<String, Object> facts() {
        synchronized (facts) {
            return new LinkedHashMap<>(facts);
        }
    }

    /** Drops the findings of one check (before it runs again, after --fix). */
    public void clear(String check) {
        findings.removeIf(f -> f.check().equals(check));
    }
}
