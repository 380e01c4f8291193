package org.mosipmigrate.core.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.mosipmigrate.core.error.ErrorCode;
import org.mosipmigrate.core.error.MigrateException;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads the YAML migration file against the {@link ConfigKey} registry. Works on the YAML node tree
 * (not a bound object) so that every error can name the key and the file line.
 */
public final class ConfigLoader {
    private static final Pattern SIZE = Pattern.compile("(?i)\\s*(\\d+)\\s*(b|kib|kb|k|mib|mb|m|gib|gb|g|tib|tb|t)?\\s*");

    private final Map<String, String> env;

    public ConfigLoader(Map<String, String> env) {
        this.env = env;
    }

    public static MigrationConfig load(Path file) {
        return new ConfigLoader(System.getenv()).read(file);
    }

    public MigrationConfig read(Path file) {
        Node root;
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            root = new Yaml(new LoaderOptions()).compose(reader);
        } catch (NoSuchFileException e) {
            throw new MigrateException(ErrorCode.CONFIG, "config file " + file + " does not exist", "pass --config with the path of your migration YAML");
        } catch (IOException e) {
            throw new MigrateException(ErrorCode.CONFIG, "cannot read config file " + file + ": " + e.getMessage(), null, e);
        } catch (MarkedYAMLException e) {
            throw new MigrateException(ErrorCode.CONFIG, file + ":" + (e.getProblemMark().getLine() + 1) + ": YAML syntax error: " + e.getProblem(), "fix the YAML syntax at that line");
        }
        if (root == null) {
            throw new MigrateException(ErrorCode.CONFIG, file + ": the config file is empty", "see docs/configuration.md for the keys");
        }
        Map<ConfigKey, Node> values = new EnumMap<>(ConfigKey.class);
        collect(file, root, "", values);
        return build(file, values);
    }

    private void collect(Path file, Node node, String prefix, Map<ConfigKey, Node> out) {
        if (!(node instanceof MappingNode mapping)) {
            throw error(file, node, (prefix.isEmpty() ? "the document" : "'" + prefix + "'") + " must be a mapping of keys", null);
        }
        for (NodeTuple tuple : mapping.getValue()) {
            if (!(tuple.getKeyNode() instanceof ScalarNode keyNode)) {
                throw error(file, tuple.getKeyNode(), "keys must be plain names", null);
            }
            String path = prefix.isEmpty() ? keyNode.getValue() : prefix + "." + keyNode.getValue();
            var key = ConfigKey.byPath(path);
            if (key.isPresent()) {
                if (out.containsKey(key.get())) {
                    throw error(file, keyNode, "key '" + path + "' is given twice", "keep one of them");
                }
                out.put(key.get(), tuple.getValueNode());
            } else if (ConfigKey.isSection(path)) {
                collect(file, tuple.getValueNode(), path, out);
            } else if (path.endsWith(".password")) {
                throw error(file, keyNode, "key '" + path + "': plain passwords are not accepted in the config file",
                        "use passwordEnv (an environment variable name) or passwordFile, or PGPASSWORD/~/.pgpass");
            } else {
                throw error(file, keyNode, "unknown key '" + path + "'", "known keys under '" + (prefix.isEmpty() ? "(top)" : prefix) + "': " + siblings(prefix));
            }
        }
    }

    private static String siblings(String prefix) {
        List<String> names = new ArrayList<>();
        for (ConfigKey k : ConfigKey.values()) {
            String p = k.path();
            if (prefix.isEmpty() || p.startsWith(prefix + ".")) {
                String rest = prefix.isEmpty() ? p : p.substring(prefix.length() + 1);
                String first = rest.contains(".") ? rest.substring(0, rest.indexOf('.')) : rest;
                if (!names.contains(first)) {
                    names.add(first);
                }
            }
        }
        return String.join(", ", names);
    }

    private MigrationConfig build(Path file, Map<ConfigKey, Node> v) {
        Values r = new Values(file, v);
        PgEndpoint source = null;
        if (v.keySet().stream().anyMatch(k -> k.path().startsWith("source.postgres."))) {
            source = new PgEndpoint("source", r.string(ConfigKey.SOURCE_PG_HOST), r.integer(ConfigKey.SOURCE_PG_PORT, 1, 65535),
                    r.string(ConfigKey.SOURCE_PG_USER),
                    r.password(ConfigKey.SOURCE_PG_PASSWORD_ENV, ConfigKey.SOURCE_PG_PASSWORD_FILE),
                    r.list(ConfigKey.SOURCE_PG_DATABASES), r.string(ConfigKey.SOURCE_PG_SSLMODE));
        }
        PgEndpoint target = null;
        if (v.keySet().stream().anyMatch(k -> k.path().startsWith("target.postgres."))) {
            target = new PgEndpoint("target", r.string(ConfigKey.TARGET_PG_HOST), r.integer(ConfigKey.TARGET_PG_PORT, 1, 65535),
                    r.string(ConfigKey.TARGET_PG_USER),
                    r.password(ConfigKey.TARGET_PG_PASSWORD_ENV, ConfigKey.TARGET_PG_PASSWORD_FILE),
                    null, r.string(ConfigKey.TARGET_PG_SSLMODE));
        }
        String backupSet = r.string(ConfigKey.BACKUP_SET);
        if (backupSet != null && backupSet.startsWith("s3://")) {
            throw r.error(ConfigKey.BACKUP_SET, "backup sets on S3 are not supported yet", "use a local directory");
        }
        String stateDir = r.string(ConfigKey.STATE_DIR);
        String pgBin = r.string(ConfigKey.PG_BIN_DIR);
        Path base = file.toAbsolutePath().getParent();
        return new MigrationConfig(file, source, target,
                backupSet == null ? null : base.resolve(backupSet).normalize(),
                r.integer(ConfigKey.PARALLELISM, 1, 256),
                r.size(ConfigKey.CHUNK_SIZE),
                r.integer(ConfigKey.COMPRESSION_LEVEL, 1, 22),
                r.bool(ConfigKey.FINGERPRINT_AT_BACKUP),
                stateDir == null ? null : base.resolve(stateDir).normalize(),
                pgBin == null ? null : Path.of(pgBin),
                r.mapOfLists(ConfigKey.VERIFY_COLUMNS),
                r.list(ConfigKey.VERIFY_EXCLUDE_TABLES) == null ? List.of() : r.list(ConfigKey.VERIFY_EXCLUDE_TABLES));
    }

    static MigrateException error(Path file, Node node, String message, String hint) {
        return new MigrateException(ErrorCode.CONFIG, file + ":" + (node.getStartMark().getLine() + 1) + ": " + message, hint);
    }

    /** Typed access to the collected nodes, each failure naming key and line. */
    private final class Values {
        private final Path file;
        private final Map<ConfigKey, Node> v;

        Values(Path file, Map<ConfigKey, Node> v) {
            this.file = file;
            this.v = v;
        }

        MigrateException error(ConfigKey key, String message, String hint) {
            return ConfigLoader.error(file, v.get(key), "key '" + key.path() + "': " + message, hint);
        }

        String scalar(ConfigKey key) {
            Node n = v.get(key);
            if (n == null) {
                return key.defaultValue();
            }
            if (!(n instanceof ScalarNode s)) {
                throw error(key, "expected a single value (" + key.type().name().toLowerCase(Locale.ROOT) + ")", key.description());
            }
            return s.getValue();
        }

        String string(ConfigKey key) {
            String s = scalar(key);
            return s == null || s.isBlank() ? null : s;
        }

        int integer(ConfigKey key, int min, int max) {
            String s = scalar(key);
            try {
                int i = Integer.parseInt(s.trim());
                if (i < min || i > max) {
                    throw error(key, "value " + i + " is out of range " + min + ".." + max, null);
                }
                return i;
            } catch (NumberFormatException e) {
                throw error(key, "'" + s + "' is not a whole number", key.description());
            }
        }

        boolean bool(ConfigKey key) {
            String s = scalar(key).trim().toLowerCase(Locale.ROOT);
            return switch (s) {
                case "true", "yes", "on" -> true;
                case "false", "no", "off" -> false;
                default -> throw error(key, "'" + s + "' is not true or false", null);
            };
        }

        long size(ConfigKey key) {
            String s = scalar(key);
            Matcher m = SIZE.matcher(s);
            if (!m.matches()) {
                throw error(key, "'" + s + "' is not a size", "write e.g. 64MiB, 1GiB or a byte count");
            }
            long n = Long.parseLong(m.group(1));
            String unit = m.group(2) == null ? "b" : m.group(2).toLowerCase(Locale.ROOT);
            long mult = switch (unit.charAt(0)) {
                case 'k' -> 1L << 10;
                case 'm' -> 1L << 20;
                case 'g' -> 1L << 30;
                case 't' -> 1L << 40;
                default -> 1L;
            };
            if (n <= 0) {
                throw error(key, "size must be positive", null);
            }
            return n * mult;
        }

        List<String> list(ConfigKey key) {
            Node n = v.get(key);
            if (n == null) {
                return null;
            }
            if (!(n instanceof SequenceNode seq)) {
                throw error(key, "expected a list, e.g. [a, b]", key.description());
            }
            List<String> out = new ArrayList<>();
            for (Node item : seq.getValue()) {
                if (!(item instanceof ScalarNode s) || s.getValue().isBlank()) {
                    throw ConfigLoader.error(file, item, "key '" + key.path() + "': list items must be plain names", null);
                }
                out.add(s.getValue());
            }
            return out;
        }

        Map<String, List<String>> mapOfLists(ConfigKey key) {
            Node n = v.get(key);
            Map<String, List<String>> out = new LinkedHashMap<>();
            if (n == null) {
                return out;
            }
            if (!(n instanceof MappingNode m)) {
                throw error(key, "expected a mapping of table -> [columns]", key.description());
            }
            for (NodeTuple t : m.getValue()) {
                String table = ((ScalarNode) t.getKeyNode()).getValue();
                if (table.split("\\.").length != 3) {
                    throw ConfigLoader.error(file, t.getKeyNode(), "key '" + key.path() + "': '" + table + "' must be written db.schema.table", null);
                }
                if (!(t.getValueNode() instanceof SequenceNode seq)) {
                    throw ConfigLoader.error(file, t.getValueNode(), "key '" + key.path() + "." + table + "': expected a list of columns", null);
                }
                out.put(table, seq.getValue().stream().map(x -> ((ScalarNode) x).getValue()).toList());
            }
            return out;
        }

        PasswordSource password(ConfigKey envKey, ConfigKey fileKey) {
            String e = string(envKey);
            String f = string(fileKey);
            if (e != null && f != null) {
                throw error(fileKey, "give either " + envKey.path() + " or " + fileKey.path() + ", not both", null);
            }
            if (e != null) {
                if (!env.containsKey(e)) {
                    throw error(envKey, "environment variable " + e + " is not set", "export " + e + " before running");
                }
                return new PasswordSource(PasswordSource.Kind.ENV, e);
            }
            if (f != null) {
                if (!Files.isReadable(Path.of(f))) {
                    throw error(fileKey, "password file " + f + " is missing or unreadable", "create it (mode 0600) or fix the path");
                }
                return new PasswordSource(PasswordSource.Kind.FILE, f);
            }
            return PasswordSource.libpq();
        }
    }
}
