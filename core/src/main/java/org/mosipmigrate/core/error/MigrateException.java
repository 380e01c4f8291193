package org.mosipmigrate.core.error;

/**
 * The one exception type the tool raises on purpose. The message names the item (database, table,
 * chunk, file:line) and the hint says what the operator should do next.
 */
public class MigrateException extends RuntimeException {
    private final ErrorCode code;
    private final String hint;

    public MigrateException(ErrorCode code, String message, String hint, Throwable cause) {
        super(message, cause);
        this.code = code;
        this.hint = hint;
    }

    public MigrateException(ErrorCode code, String message, String hint) {
        this(code, message, hint, null);
    }

    public MigrateException(ErrorCode code, String message) {
        this(code, message, null, null);
    }

    public ErrorCode code() {
        return code;
    }

    public String hint() {
        return hint;
    }

    public int exitCode() {
        return code.exitCode();
    }
}
