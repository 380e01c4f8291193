package org.mosipmigrate.core.run;

/** The tool's name and release, recorded in backup sets and evidence packs and printed by --version. */
public final class ToolVersion {
    public static final String VERSION = "0.1.0";
    public static final String NAME_AND_VERSION = "mosip-migrate " + VERSION;

    private ToolVersion() {
    }
}
