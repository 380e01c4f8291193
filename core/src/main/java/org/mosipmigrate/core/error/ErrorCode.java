package org.mosipmigrate.core.error;

/** Every failure class of the tool, with the process exit code it maps to (one place: the CLI). */
public enum ErrorCode {
    VERIFY_MISMATCH(1),
    /** preflight ran to the end and found at least one blocking finding (NO-GO). */
    PREFLIGHT_NO_GO(1),
    USAGE(2),
    CONFIG(2),
    SOURCE_UNREACHABLE(3),
    TARGET_UNREACHABLE(3),
    AUTHENTICATION(3),
    TARGET_NOT_EMPTY(3),
    BACKUP_SET_INVALID(3),
    BACKUP_SET_CORRUPT(3),
    EXTERNAL_TOOL(3),
    /** A schema upgrade step failed (rolled back) or a data precondition of a step does not hold. */
    UPGRADE_FAILED(3),
    RUNTIME(3);

    private final int exitCode;

    ErrorCode(int exitCode) {
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
