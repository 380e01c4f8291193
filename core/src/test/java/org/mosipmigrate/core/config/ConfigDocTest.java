package org.mosipmigrate.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mosipmigrate.core.error.ErrorCode;
import org.mosipmigrate.core.error.MigrateException;

class ConfigDocTest {
    @TempDir
    Path tmp;

    /** docs/configuration.md is generated from ConfigKey: a key added without its documentation fails here. */
    @Test
    void documentationListsEveryKey() throws Exception {
        Path doc = Path.of("..", "docs", "configuration.md");
        String text = Files.readString(doc);
        assertTrue(text.contains(ConfigKey.markdownTable()),
                "docs/configuration.md is out of date: regenerate it with scripts/gen-config-doc");
    }

    @Test
    void sizesDefaultsAndPathsAreParsed() throws Exception {
        Path f = tmp.resolve("m.yaml");
        Files.writeString(f, "source:\n  postgres: { host: db1, port: 5433, passwordEnv: PW, databases: [a, b] }\n"
                + "backupSet: sets/run1\nchunkSize: 64MiB\n");
        MigrationConfig c = new ConfigLoader(Map.of("PW", "s3cr3t")).read(f);
        assertEquals(64L << 20, c.chunkBytes());
        assertEquals(2, c.parallelism());
        assertEquals(tmp.resolve("sets/run1"), c.backupSet());
        assertEquals("s3cr3t", c.source().password().resolve(Map.of("PW", "s3cr3t"), "x").reveal());
        assertEquals("****", c.source().password().resolve(Map.of("PW", "s3cr3t"), "x").toString());
        assertEquals(java.util.List.of("a", "b"), c.source().databases());
    }

    @Test
    void wrongTypesNameKeyAndLine() throws Exception {
        Path f = tmp.resolve("bad.yaml");
        Files.writeString(f, "parallelism: 2\nchunkSize: huge\n");
        MigrateException e = assertThrows(MigrateException.class, () -> new ConfigLoader(Map.of()).read(f));
        assertEquals(ErrorCode.CONFIG, e.code());
        assertTrue(e.getMessage().startsWith(f + ":2: key 'chunkSize'"), e.getMessage());

        Files.writeString(f, "source:\n  postgres:\n    databases: notalist\n");
        e = assertThrows(MigrateException.class, () -> new ConfigLoader(Map.of()).read(f));
        assertTrue(e.getMessage().contains(":3: key 'source.postgres.databases': expected a list"), e.getMessage());

        Files.writeString(f, "source: [1, 2]\n");
        e = assertThrows(MigrateException.class, () -> new ConfigLoader(Map.of()).read(f));
        assertTrue(e.getMessage().contains(":1:"), e.getMessage());

        Files.writeString(f, "backupSet: x\n  bad indent: [\n");
        e = assertThrows(MigrateException.class, () -> new ConfigLoader(Map.of()).read(f));
        assertTrue(e.getMessage().contains("YAML syntax error"), e.getMessage());
    }
}
