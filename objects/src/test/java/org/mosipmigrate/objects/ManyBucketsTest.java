package org.mosipmigrate.objects;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mosipmigrate.core.config.ObjectStoreEndpoint.Kind;
import org.mosipmigrate.core.run.Progress;
import org.mosipmigrate.core.run.Workers;
import org.mosipmigrate.testkit.S3Server;

@org.junit.jupiter.api.Tag("slow")
/** The bucket-per-RID layout at 10,000 buckets (about 75 s on 2 cores; in the default suite, excluded by -DexcludedGroups=slow): every bucket and object arrives, a second run sends nothing. */
class ManyBucketsTest {
    static final int BUCKETS = 10_000;

    @TempDir
    Path tmp;

    @Test
    void tenThousandBucketsAreCopiedAndAResumeSkipsThemAll() throws Exception {
        try (S3Server v2 = S3Server.start(tmp.resolve("v2")); S3Server v3 = S3Server.start(tmp.resolve("v3"));
             ObjectStore src = TestStores.open("source", Kind.S3, v2); ObjectStore dst = TestStores.open("target", Kind.MINIO, v3)) {
            long t0 = System.nanoTime();
            List<Workers.Task> tasks = new ArrayList<>();
            for (int i = 0; i < BUCKETS; i++) {
                String b = Fixtures.rid(i);
                tasks.add(() -> {
                    src.createBucket(b);
                    TestStores.put(src, b, b + ".zip", b.getBytes(), "application/zip", Map.of("rid", b));
                });
            }
            Workers.runAll(8, "seed", tasks);
            long seeded = System.nanoTime();
            ObjectCopyService.Result r = new ObjectCopyService(src, dst, new BucketFilter(List.of("1000*")), new BucketMapper(List.of()), 16,
                    tmp.resolve("copy.jsonl"), Progress.NO_OP).execute();
            long copied = System.nanoTime();
            assertEquals(BUCKETS, r.buckets());
            assertEquals(BUCKETS, r.copied());
            Set<String> names = new HashSet<>();
            dst.listBuckets().forEach(names::add);
            assertEquals(BUCKETS, names.size());
            ObjectCopyService.Result again = new ObjectCopyService(src, dst, new BucketFilter(List.of("1000*")), new BucketMapper(List.of()), 16,
                    tmp.resolve("copy.jsonl"), Progress.NO_OP).execute();
            assertEquals(0, again.copied());
            assertEquals(BUCKETS, again.skipped());
            System.out.printf("10k buckets: seed %.1fs, copy %.1fs, re-run (all skipped) %.1fs%n", (seeded - t0) / 1e9, (copied - seeded) / 1e9, again.seconds());
        }
    }
}
