package org.mosipmigrate.engine.preflight;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How a finding weighs on the go/no-go: any BLOCKING finding makes preflight exit 1. */
public enum Severity {
    BLOCKING, WARNING, INFO;

    @JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
