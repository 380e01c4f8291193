package org.mosipmigrate.engine.preflight;

import java.util.List;
import org.mosipmigrate.core.config.ObjectStoreEndpoint;
import org.mosipmigrate.core.config.ObjectsConfig;
import org.mosipmigrate.core.error.MigrateException;
import org.mosipmigrate.objects.BucketFilter;
import org.mosipmigrate.objects.Compatibility;
import org.mosipmigrate.objects.ObjectStore;
import org.mosipmigrate.objects.ObjectStoreSurvey;
import org.mosipmigrate.objects.adapter.ObjectStores;

/**
 * The object stores: both answer with the configured keys; on the source, the packet layout (bucket-per-RID or
 * account bucket, detected from names and keys), bucket and object counts, total bytes, and an estimate of the copy
 * time at the read rate of a small sample.
 */
final class ObjectStoreCheck implements Check {
    static final int SAMPLE_OBJECTS = 16;
    static final long SAMPLE_BYTES = 64L << 20;

    @Override
    public String name() {
        return "objects";
    }

    @Override
    public void run(PreflightContext ctx, Findings out) {
        ObjectsConfig oc = ctx.config().objects();
        if (oc.target() != null) {
            try (ObjectStore t = ObjectStores.open(oc.target(), ctx.env(), oc.partBytes(), 2)) {
                t.listBuckets().iterator().hasNext();
                out.fact("target.objectStore", t.describe());
                compatibility(out, "target.objectStore", t, -1);
            } catch (MigrateException e) {
                unreachable(out, oc.target(), e);
            }
        }
        if (oc.source() == null) {
            return;
        }
        ObjectStoreSurvey.Result r;
        try (ObjectStore s = ObjectStores.open(oc.source(), ctx.env(), oc.partBytes(), oc.parallelism())) {
            ctx.progress().info("preflight: listing " + s.describe());
            r = new ObjectStoreSurvey(s, new BucketFilter(oc.source().buckets()), oc.parallelism()).run(SAMPLE_OBJECTS, SAMPLE_BYTES);
            compatibility(out, "source.objectStore", s, r.sortedBuckets());
        } catch (MigrateException e) {
            unreachable(out, oc.source(), e);
            return;
        }
        ctx.objectBytes(r.bytes());
        out.fact("objects.layout", r.layout().name());
        out.fact("objects.buckets", r.buckets());
        out.fact("objects.count", r.objects());
        out.fact("objects.bytes", r.bytes());
        out.fact("objects.sampleBytesPerSecond", Math.round(r.bytesPerSecond()));
        out.fact("objects.estimatedCopySeconds", Math.round(r.estimatedCopySeconds(oc.parallelism())));
        String layout = switch (r.layout()) {
            case BUCKET_PER_RID -> "bucket-per-RID (" + r.ridBuckets() + " buckets named by registration id)";
            case ACCOUNT_BUCKET -> "account bucket(s) " + r.accountBuckets() + " with keys prefixed by the registration id";
            case MIXED -> "both layouts: " + r.ridBuckets() + " bucket(s) named by registration id and account bucket(s) " + r.accountBuckets();
            case NO_PACKETS -> "no packets found (no bucket or key named by a registration id)";
        };
        Severity sev = r.layout() == ObjectStoreSurvey.Layout.MIXED || r.layout() == ObjectStoreSurvey.Layout.NO_PACKETS ? Severity.WARNING : Severity.INFO;
        out.add(new Finding("OBJECTS_LAYOUT", name(), sev, "packet layout: " + layout, r.buckets(),
                List.of(r.buckets() + " bucket(s), " + r.objects() + " object(s), " + org.mosipmigrate.core.text.Sizes.human(r.bytes()) + ", largest object " + org.mosipmigrate.core.text.Sizes.human(r.largestObject())),
                sev == Severity.INFO ? "" : "check source.objectStore (endpoint, buckets) points at the V2 packet store, and bucketMapping for the target",
                false));
        out.add(Finding.listing("OBJECTS_ESTIMATE", name(), Severity.INFO, String.format("copy estimate: about %s for %s at the sampled rate",
                        duration(r.estimatedCopySeconds(oc.parallelism())), org.mosipmigrate.core.text.Sizes.human(r.bytes())),
                List.of(String.format("sample: %d object(s), %s in %d ms (%s/s, %.1f ms per object); objects.parallelism %d", r.sampleObjects(),
                        org.mosipmigrate.core.text.Sizes.human(r.sampleBytes()), r.sampleMillis(), org.mosipmigrate.core.text.Sizes.human(Math.round(r.bytesPerSecond())), r.millisPerObject(), oc.parallelism())),
                "a rough figure from one client and a small sample; rehearse measures the real copy"));
    }

    /** The server's identity and the compatibility modes chosen (docs/objects.md, "Servers and compatibility"). */
    private void compatibility(Findings out, String section, ObjectStore store, int sortedBuckets) {
        Compatibility c = store.compatibility();
        out.fact(section + ".server", c.server());
        out.fact(section + ".checksums", c.checksums());
        out.fact(section + ".listing", c.listingText());
        List<String> items = new java.util.ArrayList<>(List.of("server: " + c.server(), "checksums: " + c.checksums(), "listing: " + c.listingText()));
        if (sortedBuckets > 0) {
            items.add(sortedBuckets + " bucket(s) not listed in S3's UTF-8 key order: walked through a sorted run on disk, every object once");
        }
        out.add(Finding.listing("OBJECTS_SERVER", name(), Severity.INFO, store.describe() + ": server and compatibility", items,
                "change " + section + ".checksums / .listing only if the server needs it (docs/objects.md)"));
    }

    private void unreachable(Findings out, ObjectStoreEndpoint e, MigrateException ex) {
        out.add(Finding.single("OBJECTS_CONNECT", name(), Severity.BLOCKING, e.describe() + ": " + ex.getMessage(),
                ex.hint() != null ? ex.hint() : "check " + e.role() + ".objectStore (endpoint, keys, caFile)"));
    }

    static String duration(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format("%dh%02dm", s / 3600, s / 60 % 60) : s >= 60 ? String.format("%dm%02ds", s / 60, s % 60) : s + "s";
    }
}
