package org.mosipmigrate.core.part;

/** What a command does with each part it selected. */
public enum Operation {
    /** source -> backup set */
    BACKUP("backup"),
    /** backup set -> target */
    RESTORE("restore"),
    /** source -> target, no data files */
    COPY("copy"),
    /** compares the target with the source and/or the backup set; only reads the servers */
    VERIFY("verify");

    private final String verb;

    Operation(String verb) {
        this.verb = verb;
    }

    /** The command's name. */
    public String verb() {
        return verb;
    }
}
