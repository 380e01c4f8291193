package org.mosipmigrate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.mosipmigrate.core.config.ConfigLoader;
import org.mosipmigrate.core.config.MigrationConfig;
import org.yaml.snakeyaml.Yaml;

/**
 * scripts/k8s parses, and says what docs/kubernetes.md promises: an Indexed Job whose index becomes
 * {@code --shard I/N}, per-index retry, resources on every container, credentials only as files of a Secret, and a
 * sample config the tool accepts. With kubectl on the machine, every kustomization also renders.
 */
class KubernetesManifestsTest {
    static final Path K8S = Path.of("..", "scripts", "k8s");

    @SuppressWarnings("unchecked")
    static <T> T at(Object node, String... path) {
        Object n = node;
        for (String p : path) {
            n = n instanceof Map<?, ?> m ? m.get(p) : null;
        }
        return (T) n;
    }

    static List<Object> documents(Path file) throws IOException {
        List<Object> docs = new ArrayList<>();
        new Yaml().loadAll(Files.readString(file)).forEach(d -> {
            if (d != null) {
                docs.add(d);
            }
        });
        return docs;
    }

    static List<Path> yamlFiles() throws IOException {
        try (var s = Files.walk(K8S)) {
            return s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
    }

    /** The pod spec of a Job or CronJob document. */
    static Map<String, Object> podSpec(Object doc) {
        return "CronJob".equals(at(doc, "kind")) ? at(doc, "spec", "jobTemplate", "spec", "template", "spec") : at(doc, "spec", "template", "spec");
    }

    @Test
    void everyFileParsesAndEveryPodTakesCredentialsOnlyAsSecretFilesWithResources() throws Exception {
        List<Path> files = yamlFiles();
        assertTrue(files.size() >= 9, "manifests found: " + files);
        int pods = 0;
        for (Path f : files) {
            for (Object doc : documents(f)) {
                String kind = at(doc, "kind");
                if (!"Job".equals(kind) && !"CronJob".equals(kind)) {
                    continue;
                }
                pods++;
                Map<String, Object> spec = podSpec(doc);
                assertEquals("Never", spec.get("restartPolicy"), f + ": per-index retry and podFailurePolicy need restartPolicy Never");
                List<Map<String, Object>> containers = new ArrayList<>(at(spec, "containers"));
                if (spec.get("initContainers") != null) {
                    containers.addAll(at(spec, "initContainers"));
                }
                for (Map<String, Object> c : containers) {
                    assertNotNull(at(c, "resources", "requests", "memory"), f + " " + c.get("name") + ": memory request");
                    assertNotNull(at(c, "resources", "limits", "memory"), f + " " + c.get("name") + ": memory limit");
                    List<Map<String, Object>> env = c.get("env") == null ? List.of() : at(c, "env");
                    for (Map<String, Object> e : env) {
                        String name = String.valueOf(e.get("name"));
                        assertFalse(e.containsKey("value") && name.matches("(?i).*(pass|secret|key|pin|token).*"),
                                f + ": env " + name + " holds a literal value; credentials come from the Secret's files");
                    }
                    List<Map<String, Object>> mounts = at(c, "volumeMounts");
                    assertTrue(mounts.stream().anyMatch(m -> "/secrets".equals(m.get("mountPath")) && Boolean.TRUE.equals(m.get("readOnly"))),
                            f + " " + c.get("name") + ": the Secret is mounted read-only at /secrets");
                }
                List<Map<String, Object>> volumes = at(spec, "volumes");
                assertTrue(volumes.stream().anyMatch(v -> "mosip-migrate-secrets".equals(at(v, "secret", "secretName"))), f + ": secret volume");
                assertTrue(volumes.stream().anyMatch(v -> "mosip-migrate-work".equals(at(v, "persistentVolumeClaim", "claimName"))), f + ": shared volume");
            }
        }
        assertEquals(3, pods, "shards Job, finish Job, rehearse CronJob");
    }

    @Test
    void theShardsJobIsIndexedAndTurnsItsIndexIntoTheShardArgument() throws Exception {
        Object job = documents(K8S.resolve("shards/job.yaml")).get(0);
        assertEquals("Indexed", at(job, "spec", "completionMode"));
        assertEquals((Object) at(job, "spec", "completions"), at(job, "spec", "parallelism"));
        assertTrue((Integer) at(job, "spec", "backoffLimitPerIndex") > 0, "per-index retry");
        Map<String, Object> c = ((List<Map<String, Object>>) at(podSpec(job), "containers")).get(0);
        List<String> args = at(c, "args");
        assertEquals("$(JOB_COMPLETION_INDEX)/$(MM_SHARDS)", args.get(args.indexOf("--shard") + 1));
        List<Map<String, Object>> env = at(c, "env");
        assertTrue(env.stream().anyMatch(e -> "JOB_COMPLETION_INDEX".equals(e.get("name"))
                && "metadata.annotations['batch.kubernetes.io/job-completion-index']".equals(at(e, "valueFrom", "fieldRef", "fieldPath"))));
        assertTrue(Files.readString(K8S.resolve("base/run.env")).contains("MM_SHARDS="));
        Object cron = documents(K8S.resolve("rehearse/cronjob.yaml")).get(0);
        assertEquals(List.of("rehearse", "--config", "/config/migration.yaml"), at(((List<Object>) at(podSpec(cron), "containers")).get(0), "args"));
        assertEquals("Forbid", at(cron, "spec", "concurrencyPolicy"));
    }

    @Test
    void theSampleConfigIsAcceptedAndReadsEverySecretFromTheMountedSecret(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        Path config = K8S.resolve("base/migration.yaml");
        String text = Files.readString(config);
        assertFalse(text.matches("(?s).*\\w+Env:.*"), "secrets come from files, not environment variables, in the cluster");
        List<String> fileKeys = text.lines().filter(l -> l.trim().matches("\\w+File: .*")).toList();
        assertEquals(7, fileKeys.size(), "two database passwords, four S3 keys and the backup key: " + fileKeys);
        // the files the Secret must hold (docs/kubernetes.md lists the same names), here with throwaway content
        Path secrets = Files.createDirectories(tmp.resolve("secrets"));
        for (String l : fileKeys) {
            String file = l.trim().split(": ")[1];
            assertTrue(file.startsWith("/secrets/"), l);
            Files.writeString(secrets.resolve(file.substring("/secrets/".length())), file.endsWith("backup-key") ? "a".repeat(64) : "x");
            assertTrue(Files.readString(Path.of("..", "docs", "kubernetes.md")).contains(file.substring("/secrets/".length())), "documented: " + file);
        }
        Path copy = tmp.resolve("migration.yaml");
        Files.writeString(copy, text.replace("/secrets/", secrets + "/"));
        MigrationConfig cfg = new ConfigLoader(Map.of()).read(copy);
        assertEquals(Path.of("/work/set"), cfg.backupSet());
        assertEquals(Path.of("/work/state"), cfg.copyStateDir());
        assertTrue(cfg.objects().configured());
        assertTrue(cfg.encryption().load(Map.of()).isPresent(), "backup key read from its file");
    }

    @Test
    void everyKustomizationRendersWithOneShardCount() throws Exception {
        Assumptions.assumeTrue(onPath("kubectl"), "kubectl is not installed");
        for (String dir : List.of("storage", "shards", "finish", "rehearse")) {
            Process p = new ProcessBuilder("kubectl", "kustomize", K8S.resolve(dir).toString()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
            assertEquals(0, p.exitValue(), dir + ":\n" + out);
            List<Object> docs = new ArrayList<>();
            new Yaml().loadAll(out).forEach(docs::add);
            docs.forEach(d -> assertEquals("mosip-migrate", at(d, "metadata", "namespace"), dir + ": " + at(d, "metadata", "name")));
            if (dir.equals("shards")) {
                Object job = docs.stream().filter(d -> "Job".equals(at(d, "kind"))).findFirst().orElseThrow();
                String shards = docs.stream().filter(d -> "mosip-migrate-run".equals(at(d, "metadata", "name"))).map(d -> (String) at(d, "data", "MM_SHARDS"))
                        .findFirst().orElseThrow();
                assertEquals(Integer.valueOf(shards), at(job, "spec", "completions"));
                assertEquals(Integer.valueOf(shards), at(job, "spec", "parallelism"));
            }
        }
    }

    static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }
}
