package org.mosipmigrate.core.evidence;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.mosipmigrate.core.error.ErrorCode;
import org.mosipmigrate.core.error.MigrateException;
import org.mosipmigrate.core.json.Json;
import org.mosipmigrate.core.set.ChunkFiles;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * The digest of a configuration file that evidence records: SHA-256 over its canonical form (the YAML content
 * as compact JSON with every mapping's keys sorted and every scalar as text), so comments, blank lines, quoting and
 * key order do not change it.
 * Secret-bearing keys are already names in a valid config ({@code passwordEnv}, {@code pinFile}, ...); any
 * key that could hold a secret value itself is reduced to {@value #REDACTED}, so neither the canonical form
 * nor the digest can carry a secret.
 */
public final class ConfigDigests {
    public static final String REDACTED = "(redacted)";
    private static final Set<String> SECRET_NAMES = Set.of("password", "pin", "secret", "secretkey", "accesskey", "key", "token",
            "passphrase", "keytext");

    private ConfigDigests() {
    }

    public static EvidencePack.ConfigDigest of(Path file) {
        Node root;
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            root = new Yaml(new LoaderOptions()).compose(r);
        } catch (IOException e) {
            throw new MigrateException(ErrorCode.CONFIG, "cannot read config file " + file + ": " + e.getMessage(), null, e);
        }
        Object tree = root == null ? null : canonical(root);
        @SuppressWarnings("unchecked")
        Map<String, Object> canonical = tree instanceof Map<?, ?> m ? (Map<String, Object>) m : new TreeMap<>();
        try {
            byte[] bytes = Json.LINE.writeValueAsBytes(canonical);
            return new EvidencePack.ConfigDigest(file.toAbsolutePath().normalize().toString(), sha256(bytes), canonical);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a YAML tree always serializes", e);
        }
    }

    /** True for keys whose value would be a secret itself (names of variables and files end in Env/File and are kept). */
    static boolean secretBearing(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        if (k.endsWith("env") || k.endsWith("file")) {
            return false;
        }
        return SECRET_NAMES.contains(k) || k.contains("password") || k.endsWith("secret");
    }

    /**
     * Mappings become sorted maps (a section given twice is merged, as the config loader reads it), sequences lists,
     * scalars their text.
     */
    private static Object canonical(Node node) {
        if (node instanceof MappingNode m) {
            Map<String, Object> out = new TreeMap<>();
            for (NodeTuple t : m.getValue()) {
                String key = t.getKeyNode() instanceof ScalarNode k ? k.getValue() : String.valueOf(canonical(t.getKeyNode()));
                Object value = secretBearing(key) ? REDACTED : canonical(t.getValueNode());
                out.merge(key, value, ConfigDigests::merge);
            }
            return out;
        }
        if (node instanceof SequenceNode sq) {
            List<Object> out = new ArrayList<>();
            sq.getValue().forEach(v -> out.add(canonical(v)));
            return out;
        }
        return node instanceof ScalarNode sc ? sc.getValue() : null;
    }

    @SuppressWarnings("unchecked")
    private static Object merge(Object a, Object b) {
        if (a instanceof Map<?, ?> ma && b instanceof Map<?, ?> mb) {
            Map<String, Object> out = new TreeMap<>((Map<String, Object>) ma);
            ((Map<String, Object>) mb).forEach((k, v) -> out.merge(k, v, ConfigDigests::merge));
            return out;
        }
        return List.of(a, b); // a key given twice (the loader refuses it); keep both so the digest differs
    }

    static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(ChunkFiles.sha256().digest(bytes));
    }
}
