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
import org.mosipmigrate.core.set.store.SetLocation;
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

    /** "512KiB", "64MiB", "1GiB", "1000" (bytes) as a byte count; -1 when the text is not a size. */
    public static long parseSize(String text) {
        Matcher m = SIZE.matcher(text == null ? "" : text);
        if (!m.matches()) {
            return -1;
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
        return n * mult;
    }

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
            } else if (path.endsWith(".accessKey") || path.endsWith(".secretKey")) {
                throw error(file, keyNode, "key '" + path + "': keys are not accepted in the config file",
                        "use " + keyNode.getValue() + "Env (an environment variable name) or " + keyNode.getValue() + "File");
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
                    r.list(ConfigKey.SOURCE_PG_DATABASES), r.string(ConfigKey.SOURCE_PG_SSLMODE), r.readableFile(ConfigKey.SOURCE_PG_SSLROOTCERT));
        }
        PgEndpoint target = null;
        if (v.keySet().stream().anyMatch(k -> k.path().startsWith("target.postgres."))) {
            target = new PgEndpoint("target", r.string(ConfigKey.TARGET_PG_HOST), r.integer(ConfigKey.TARGET_PG_PORT, 1, 65535),
                    r.string(ConfigKey.TARGET_PG_USER),
                    r.password(ConfigKey.TARGET_PG_PASSWORD_ENV, ConfigKey.TARGET_PG_PASSWORD_FILE),
                    null, r.string(ConfigKey.TARGET_PG_SSLMODE), r.readableFile(ConfigKey.TARGET_PG_SSLROOTCERT));
        }
        String stateDir = r.string(ConfigKey.STATE_DIR);
        String pgBin = r.string(ConfigKey.PG_BIN_DIR);
        Path base = file.toAbsolutePath().getParent();
        BackupStoreConfig store = backupStore(r, v, base);
        SetLocation location = r.location(ConfigKey.BACKUP_SET, base);
        if (location != null && location.s3() && !store.configured()) {
            throw r.error(ConfigKey.BACKUP_SET, "the backup set " + location + " is on S3, and there is no backupStore section",
                    "add backupStore: {type, endpoint, accessKeyEnv, secretKeyEnv} naming the server that holds bucket " + location.bucket());
        }
        Path setDir = location == null ? null : location.s3() ? store.spoolRoot().resolve(location.tag()) : location.dir();
        return new MigrationConfig(file, source, target,
                setDir,
                r.integer(ConfigKey.PARALLELISM, 1, 256),
                r.size(ConfigKey.CHUNK_SIZE),
                r.integer(ConfigKey.COMPRESSION_LEVEL, 1, 22),
                r.bool(ConfigKey.FINGERPRINT_AT_BACKUP),
                stateDir == null ? null : base.resolve(stateDir).normalize(),
                pgBin == null ? null : Path.of(pgBin),
                r.mapOfLists(ConfigKey.VERIFY_COLUMNS),
                r.list(ConfigKey.VERIFY_EXCLUDE_TABLES) == null ? List.of() : r.list(ConfigKey.VERIFY_EXCLUDE_TABLES),
                objects(r, v), encryption(r, base), keystores(r, base), upgrade(r), evidenceKey(r, base), location, store);
    }

    private BackupStoreConfig backupStore(Values r, Map<ConfigKey, Node> v, Path base) {
        long part = r.size(ConfigKey.BACKUP_STORE_PART_SIZE);
        if (part < (5L << 20)) {
            throw r.error(ConfigKey.BACKUP_STORE_PART_SIZE, "S3 parts must be at least 5MiB", "write e.g. 16MiB");
        }
        String spool = r.string(ConfigKey.BACKUP_STORE_SPOOL_DIR);
        Path spoolRoot = spool == null ? BackupStoreConfig.NONE.spoolRoot() : base.resolve(spool).normalize();
        if (v.keySet().stream().noneMatch(k -> k.path().startsWith("backupStore.") && k != ConfigKey.BACKUP_STORE_PART_SIZE
                && k != ConfigKey.BACKUP_STORE_SPOOL_DIR)) {
            return new BackupStoreConfig(null, part, spoolRoot);
        }
        ObjectStoreEndpoint endpoint = r.objectStore("backupStore", "backupStore", ConfigKey.BACKUP_STORE_TYPE, ConfigKey.BACKUP_STORE_ENDPOINT,
                ConfigKey.BACKUP_STORE_REGION, ConfigKey.BACKUP_STORE_ACCESS_KEY_ENV, ConfigKey.BACKUP_STORE_ACCESS_KEY_FILE,
                ConfigKey.BACKUP_STORE_SECRET_KEY_ENV, ConfigKey.BACKUP_STORE_SECRET_KEY_FILE, null)
                .withCaFile(r.readableFile(ConfigKey.BACKUP_STORE_CA_FILE))
                .withCompatibility(r.checksums(ConfigKey.BACKUP_STORE_CHECKSUMS), ObjectStoreEndpoint.Listing.AUTO);
        return new BackupStoreConfig(endpoint, part, spoolRoot);
    }

    private UpgradeConfig upgrade(Values r) {
        String lang = r.string(ConfigKey.UPGRADE_PRIMARY_LANGUAGE_CODE);
        if (lang != null && !lang.matches("[a-z]{3}")) {
            throw r.error(ConfigKey.UPGRADE_PRIMARY_LANGUAGE_CODE, "'" + lang + "' is not a 3-letter language code", "write e.g. eng");
        }
        return new UpgradeConfig(lang, r.string(ConfigKey.UPGRADE_SHARE_DOMAIN), r.string(ConfigKey.UPGRADE_NEW_ROLE_PASSWORD_ENV));
    }

    private KeystoresConfig keystores(Values r, Path base) {
        List<KeystoresConfig.Source> sources = new ArrayList<>();
        for (Map<String, ScalarNode> m : r.listOfMaps(ConfigKey.SOURCE_KEYSTORES, "{name, type, path, pinEnv}")) {
            String name = r.field(ConfigKey.SOURCE_KEYSTORES, m, "name", true);
            String typeText = r.field(ConfigKey.SOURCE_KEYSTORES, m, "type", true);
            KeystoresConfig.Type type = KeystoresConfig.Type.parse(typeText);
            if (type == null) {
                throw ConfigLoader.error(r.file, m.get("type"), "key 'source.keystores': type '" + typeText + "' of keystore '" + name
                        + "' is not a keystore type", "write softhsm (a token directory) or pkcs12 (a .p12 file)");
            }
            Path path = base.resolve(r.field(ConfigKey.SOURCE_KEYSTORES, m, "path", true)).normalize();
            if (sources.stream().anyMatch(s -> s.name().equals(name))) {
                throw ConfigLoader.error(r.file, m.get("name"), "key 'source.keystores': name '" + name + "' is given twice", "give each keystore its own name");
            }
            sources.add(new KeystoresConfig.Source(name, type, path, r.keystoreSecret(ConfigKey.SOURCE_KEYSTORES, m, name)));
        }
        List<KeystoresConfig.Target> targets = new ArrayList<>();
        for (Map<String, ScalarNode> m : r.listOfMaps(ConfigKey.TARGET_KEYSTORES, "{name, path}")) {
            String name = r.field(ConfigKey.TARGET_KEYSTORES, m, "name", true);
            if (m.containsKey("type")) {
                throw ConfigLoader.error(r.file, m.get("type"), "key 'target.keystores': a target has no type (it is the source's)", "remove 'type'");
            }
            Path path = base.resolve(r.field(ConfigKey.TARGET_KEYSTORES, m, "path", true)).normalize();
            if (targets.stream().anyMatch(t -> t.name().equals(name))) {
                throw ConfigLoader.error(r.file, m.get("name"), "key 'target.keystores': name '" + name + "' is given twice", "give each keystore one target");
            }
            if (!sources.isEmpty() && sources.stream().noneMatch(s -> s.name().equals(name))) {
                throw ConfigLoader.error(r.file, m.get("name"), "key 'target.keystores': '" + name + "' is not the name of a source keystore",
                        "source keystores: " + sources.stream().map(KeystoresConfig.Source::name).toList());
            }
            targets.add(new KeystoresConfig.Target(name, path, r.keystoreSecret(ConfigKey.TARGET_KEYSTORES, m, name)));
        }
        for (KeystoresConfig.Source s : sources) {
            for (KeystoresConfig.Target t : targets) {
                if (t.path().equals(s.path())) {
                    throw new MigrateException(ErrorCode.CONFIG, r.file + ": keystore '" + t.name() + "': the target path " + t.path()
                            + " is the source path of keystore '" + s.name() + "'", "restore into the V3 location, never over the V2 keystore");
                }
            }
        }
        String lib = r.string(ConfigKey.KEYSTORES_PKCS11_LIBRARY);
        return new KeystoresConfig(sources, targets, r.integer(ConfigKey.KEYSTORES_EXPIRY_WARNING_DAYS, 0, 36500),
                lib == null ? null : Path.of(lib));
    }

    private EncryptionConfig encryption(Values r, Path base) {
        return keySource(r, base, ConfigKey.ENCRYPTION_KEY_FILE, ConfigKey.ENCRYPTION_KEY_ENV, "backup.key");
    }

    private EncryptionConfig evidenceKey(Values r, Path base) {
        return keySource(r, base, ConfigKey.EVIDENCE_KEY_FILE, ConfigKey.EVIDENCE_KEY_ENV, "evidence.key");
    }

    /** A 256-bit key given as a file or an environment variable (never both, never the key itself). */
    private EncryptionConfig keySource(Values r, Path base, ConfigKey fileKey, ConfigKey envKey, String example) {
        String file = r.string(fileKey);
        String envName = r.string(envKey);
        if (file != null && envName != null) {
            throw r.error(envKey, "give either " + fileKey.path() + " or " + envKey.path() + ", not both", null);
        }
        if (file != null && !Files.isReadable(base.resolve(file))) {
            throw r.error(fileKey, "key file " + base.resolve(file) + " is missing or unreadable",
                    "create it with: head -c 32 /dev/urandom | base64 > " + example + "; chmod 600 " + example);
        }
        if (envName != null && !env.containsKey(envName)) {
            throw r.error(envKey, "environment variable " + envName + " is not set", "export it before running");
        }
        return new EncryptionConfig(file == null ? null : base.resolve(file).normalize(), envName);
    }

    private ObjectsConfig objects(Values r, Map<ConfigKey, Node> v) {
        ObjectStoreEndpoint source = null;
        if (v.keySet().stream().anyMatch(k -> k.path().startsWith("source.objectStore."))) {
            source = r.objectStore("source", "source.objectStore", ConfigKey.SOURCE_OS_TYPE, ConfigKey.SOURCE_OS_ENDPOINT, ConfigKey.SOURCE_OS_REGION,
                    ConfigKey.SOURCE_OS_ACCESS_KEY_ENV, ConfigKey.SOURCE_OS_ACCESS_KEY_FILE,
                    ConfigKey.SOURCE_OS_SECRET_KEY_ENV, ConfigKey.SOURCE_OS_SECRET_KEY_FILE, r.list(ConfigKey.SOURCE_OS_BUCKETS))
                    .withCaFile(r.readableFile(ConfigKey.SOURCE_OS_CA_FILE))
                    .withCompatibility(r.checksums(ConfigKey.SOURCE_OS_CHECKSUMS), r.listing(ConfigKey.SOURCE_OS_LISTING));
        }
        ObjectStoreEndpoint target = null;
        if (v.keySet().stream().anyMatch(k -> k.path().startsWith("target.objectStore."))) {
            target = r.objectStore("target", "target.objectStore", ConfigKey.TARGET_OS_TYPE, ConfigKey.TARGET_OS_ENDPOINT, ConfigKey.TARGET_OS_REGION,
                    ConfigKey.TARGET_OS_ACCESS_KEY_ENV, ConfigKey.TARGET_OS_ACCESS_KEY_FILE,
                    ConfigKey.TARGET_OS_SECRET_KEY_ENV, ConfigKey.TARGET_OS_SECRET_KEY_FILE, null)
                    .withCaFile(r.readableFile(ConfigKey.TARGET_OS_CA_FILE))
                    .withCompatibility(r.checksums(ConfigKey.TARGET_OS_CHECKSUMS), r.listing(ConfigKey.TARGET_OS_LISTING));
        }
        long part = r.size(ConfigKey.OBJECTS_PART_SIZE);
        if (part < (5L << 20)) {
            throw r.error(ConfigKey.OBJECTS_PART_SIZE, "S3 parts must be at least 5MiB", "write e.g. 16MiB");
        }
        return new ObjectsConfig(source, target, r.bucketRules(ConfigKey.BUCKET_MAPPING), r.integer(ConfigKey.OBJECTS_PARALLELISM, 1, 1024),
                part, r.size(ConfigKey.OBJECTS_SEGMENT_SIZE));
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
            long n = parseSize(s);
            if (n == -1) {
                throw error(key, "'" + s + "' is not a size", "write e.g. 64MiB, 1GiB or a byte count");
            }
            if (n <= 0) {
                throw error(key, "size must be positive", null);
            }
            return n;
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

        ObjectStoreEndpoint objectStore(String role, String section, ConfigKey typeKey, ConfigKey endpointKey, ConfigKey regionKey,
                                        ConfigKey akEnv, ConfigKey akFile, ConfigKey skEnv, ConfigKey skFile, List<String> buckets) {
            ObjectStoreEndpoint.Kind kind = ObjectStoreEndpoint.Kind.parse(string(typeKey));
            if (kind == null) {
                throw error(typeKey, "'" + string(typeKey) + "' is not a client type", "write minio or s3");
            }
            String endpoint = string(endpointKey);
            if (endpoint == null) {
                throw new MigrateException(ErrorCode.CONFIG, file + ": key '" + endpointKey.path() + "' is required when '"
                        + section + "' is given", "set it to the server URL, e.g. http://minio:9000");
            }
            try {
                java.net.URI u = new java.net.URI(endpoint);
                if (u.getHost() == null || !("http".equals(u.getScheme()) || "https".equals(u.getScheme()))) {
                    throw error(endpointKey, "'" + endpoint + "' is not an http(s) URL", "write e.g. http://minio:9000");
                }
            } catch (java.net.URISyntaxException e) {
                throw error(endpointKey, "'" + endpoint + "' is not a URL", "write e.g. http://minio:9000");
            }
            PasswordSource ak = password(akEnv, akFile);
            PasswordSource sk = password(skEnv, skFile);
            if (ak.kind() == PasswordSource.Kind.LIBPQ || sk.kind() == PasswordSource.Kind.LIBPQ) {
                throw new MigrateException(ErrorCode.CONFIG, file + ": '" + section + "' needs its keys: "
                        + (ak.kind() == PasswordSource.Kind.LIBPQ ? akEnv.path() + " or " + akFile.path() : skEnv.path() + " or " + skFile.path()),
                        "name an environment variable or a file holding the key; keys are never written in the config");
            }
            return new ObjectStoreEndpoint(role, kind, endpoint, string(regionKey), ak, sk, buckets);
        }

        ObjectStoreEndpoint.Checksums checksums(ConfigKey key) {
            ObjectStoreEndpoint.Checksums c = ObjectStoreEndpoint.Checksums.parse(string(key) == null ? key.defaultValue() : string(key));
            if (c == null) {
                throw error(key, "'" + string(key) + "' is not a checksum mode", "write auto, flexible or legacy (docs/objects.md)");
            }
            return c;
        }

        ObjectStoreEndpoint.Listing listing(ConfigKey key) {
            ObjectStoreEndpoint.Listing l = ObjectStoreEndpoint.Listing.parse(string(key) == null ? key.defaultValue() : string(key));
            if (l == null) {
                throw error(key, "'" + string(key) + "' is not a listing mode", "write auto, sorted or ordered (docs/objects.md)");
            }
            return l;
        }

        List<BucketRule> bucketRules(ConfigKey key) {
            Node n = v.get(key);
            List<BucketRule> out = new ArrayList<>();
            if (n == null) {
                return out;
            }
            if (!(n instanceof SequenceNode seq)) {
                throw error(key, "expected a list of {from, to} rules", key.description());
            }
            for (Node item : seq.getValue()) {
                if (!(item instanceof MappingNode m)) {
                    throw ConfigLoader.error(file, item, "key '" + key.path() + "': each rule is a mapping {from: ..., to: ...}", null);
                }
                String from = null;
                String to = null;
                for (NodeTuple t : m.getValue()) {
                    String name = t.getKeyNode() instanceof ScalarNode s ? s.getValue() : "";
                    String value = t.getValueNode() instanceof ScalarNode s ? s.getValue() : null;
                    switch (name) {
                        case "from" -> from = value;
                        case "to" -> to = value;
                        default -> throw ConfigLoader.error(file, t.getKeyNode(), "key '" + key.path() + "': unknown rule field '" + name + "'", "a rule has only from and to");
                    }
                }
                if (from == null || from.isBlank() || to == null || to.isBlank() || to.startsWith("/")) {
                    throw ConfigLoader.error(file, item, "key '" + key.path() + "': a rule needs a non-empty 'from' and a 'to' of the form bucket or bucket/prefix", null);
                }
                try {
                    java.util.regex.Pattern.compile(from.matches("[A-Za-z0-9*?._-]+") ? "x" : from);
                } catch (java.util.regex.PatternSyntaxException e) {
                    throw ConfigLoader.error(file, item, "key '" + key.path() + "': 'from' " + from + " is not a valid pattern: " + e.getDescription(), null);
                }
                out.add(new BucketRule(from, to));
            }
            return out;
        }

        /** A directory or s3://bucket/prefix, or null when the key is absent. */
        SetLocation location(ConfigKey key, Path base) {
            String text = string(key);
            if (text == null) {
                return null;
            }
            try {
                return SetLocation.parse(text, base, "key '" + key.path() + "'");
            } catch (MigrateException e) {
                throw ConfigLoader.error(file, v.get(key), e.getMessage(), e.hint());
            }
        }

        String readableFile(ConfigKey key) {
            String f = string(key);
            if (f != null && !Files.isReadable(Path.of(f))) {
                throw error(key, "file " + f + " is missing or unreadable", "fix the path");
            }
            return f;
        }

        /** A list of flat mappings with scalar values (LIST_OF_MAPS keys). */
        List<Map<String, ScalarNode>> listOfMaps(ConfigKey key, String shape) {
            Node n = v.get(key);
            List<Map<String, ScalarNode>> out = new ArrayList<>();
            if (n == null) {
                return out;
            }
            if (!(n instanceof SequenceNode seq)) {
                throw error(key, "expected a list of mappings " + shape, key.description());
            }
            for (Node item : seq.getValue()) {
                if (!(item instanceof MappingNode m)) {
                    throw ConfigLoader.error(file, item, "key '" + key.path() + "': each item is a mapping " + shape, null);
                }
                Map<String, ScalarNode> fields = new LinkedHashMap<>();
                for (NodeTuple t : m.getValue()) {
                    if (!(t.getKeyNode() instanceof ScalarNode k) || !(t.getValueNode() instanceof ScalarNode val)) {
                        throw ConfigLoader.error(file, t.getKeyNode(), "key '" + key.path() + "': fields must be plain name: value pairs", null);
                    }
                    if (fields.put(k.getValue(), val) != null) {
                        throw ConfigLoader.error(file, k, "key '" + key.path() + "': field '" + k.getValue() + "' is given twice", null);
                    }
                }
                fields.put("", new ScalarNode(org.yaml.snakeyaml.nodes.Tag.STR, "", m.getStartMark(), m.getEndMark(),
                        org.yaml.snakeyaml.DumperOptions.ScalarStyle.PLAIN));
                out.add(fields);
            }
            return out;
        }

        /** A field of a {@link #listOfMaps} item; the "" entry only carries the item's position. */
        String field(ConfigKey key, Map<String, ScalarNode> m, String name, boolean required) {
            ScalarNode n = m.get(name);
            if (n == null || n.getValue().isBlank()) {
                if (required) {
                    throw ConfigLoader.error(file, m.get(""), "key '" + key.path() + "': field '" + name + "' is required", key.description());
                }
                return null;
            }
            return n.getValue().strip();
        }

        /** pinEnv/pinFile/passwordEnv/passwordFile of a keystore (at most one), or null. Plain secrets are refused. */
        PasswordSource keystoreSecret(ConfigKey key, Map<String, ScalarNode> m, String name) {
            List<String> allowed = List.of("", "name", "type", "path", "pinEnv", "pinFile", "passwordEnv", "passwordFile");
            for (var e : m.entrySet()) {
                if (e.getKey().equals("pin") || e.getKey().equals("password")) {
                    throw ConfigLoader.error(file, e.getValue(), "key '" + key.path() + "': keystore '" + name + "': plain "
                            + e.getKey() + "s are not accepted in the config file", "use " + e.getKey() + "Env (an environment variable name) or "
                            + e.getKey() + "File");
                }
                if (!allowed.contains(e.getKey())) {
                    throw ConfigLoader.error(file, e.getValue(), "key '" + key.path() + "': keystore '" + name + "': unknown field '" + e.getKey() + "'",
                            "fields: name, type, path, pinEnv, pinFile, passwordEnv, passwordFile");
                }
            }
            PasswordSource found = null;
            for (String f : List.of("pinEnv", "pinFile", "passwordEnv", "passwordFile")) {
                String value = field(key, m, f, false);
                if (value == null) {
                    continue;
                }
                if (found != null) {
                    throw ConfigLoader.error(file, m.get(f), "key '" + key.path() + "': keystore '" + name
                            + "': give one of pinEnv, pinFile, passwordEnv, passwordFile", null);
                }
                found = f.endsWith("Env") ? new PasswordSource(PasswordSource.Kind.ENV, value)
                        : new PasswordSource(PasswordSource.Kind.FILE, file.toAbsolutePath().getParent().resolve(value).normalize().toString());
            }
            return found;
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
