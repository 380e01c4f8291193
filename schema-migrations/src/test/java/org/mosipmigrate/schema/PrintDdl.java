package org.mosipmigrate.schema;

import org.mosipmigrate.schema.catalog.DdlWriter;
import org.mosipmigrate.schema.catalog.SchemaCatalog;

/** Prints CREATE TABLE + keys/indexes + FKs of tables of the 1.2.0.1 facts: args = db table... (a helper for writing steps). */
public final class PrintDdl {
    private PrintDdl() {
    }

    public static void main(String[] args) {
        SchemaCatalog cat = SchemaCatalog.expected(args[0].contains("@") ? args[0].split("@")[1] : "1.2.0.1", args[0].split("@")[0]);
        for (int i = 1; i < args.length; i++) {
            var t = cat.tables().get(args[i]);
            System.out.println(DdlWriter.createTable(cat.schema(), t) + ";");
            DdlWriter.keysAndIndexes(cat.schema(), t).forEach(s -> System.out.println(s + ";"));
            DdlWriter.foreignKeys(cat.schema(), t).forEach(s -> System.out.println(s + ";"));
            System.out.println();
        }
    }
}
