package org.mosipmigrate.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mosipmigrate.transfer.SetLayout.Kind;

/** Which files of a set move, and in what order: the rules transfer and the spool share. */
class SetLayoutTest {
    @Test
    void everyKindOfFileIsClassified() {
        Map<String, Kind> expected = Map.ofEntries(
                Map.entry("manifest.json", Kind.MANIFEST), Map.entry("manifest.seal.json", Kind.MANIFEST),
                Map.entry("objects/manifest.json", Kind.MANIFEST), Map.entry("keystores/manifest.seal.json", Kind.MANIFEST),
                Map.entry("cleanup/20261124T101010Z/cleanup-manifest.json", Kind.MANIFEST),
                Map.entry("db/001-mosip_idrepo/data/00002-idrepo.uin/0000.copy.zst", Kind.DATA),
                Map.entry("db/001-mosip_idrepo/schema.dump", Kind.DATA), Map.entry("db/001-mosip_idrepo/schema.dump.zst.enc", Kind.DATA),
                Map.entry("objects/segments/seg-000012.tar.zst.enc", Kind.DATA),
                Map.entry("cleanup/20261124T101010Z/mosip_pms/pms.x_migr_bkp.copy.zst", Kind.DATA),
                Map.entry("objects/segments/seg-000012.index.jsonl.enc", Kind.META), Map.entry("objects/buckets.txt", Kind.META),
                Map.entry("plan.json", Kind.META), Map.entry("db/001-mosip_idrepo/meta.json", Kind.META),
                Map.entry("globals/roles.json", Kind.META), Map.entry("keystores/files/001-kernel/0001.bin.enc", Kind.META),
                Map.entry("ledger/backup.jsonl", Kind.META), Map.entry("ledger/objects-backup.jsonl", Kind.META),
                Map.entry("ledger/restore-10.0.0.5-5432.jsonl", Kind.WORK), Map.entry("ledger/objects-restore-minio-9000.jsonl", Kind.WORK),
                Map.entry("ledger/spool-uploads.jsonl", Kind.WORK), Map.entry("copy-state/ledger/copy-x-1.jsonl", Kind.WORK),
                Map.entry("db/001-a/data/00001-s.t/0000.copy.zst.partial", Kind.WORK), Map.entry("manifest.json.tmp", Kind.WORK),
                Map.entry("db/001-a/schema.dump.clear", Kind.WORK), Map.entry("verify-report.json", Kind.WORK),
                Map.entry(".fetched/db/001-a/schema.dump", Kind.WORK));
        expected.forEach((path, kind) -> assertEquals(kind, SetLayout.kind(path), path));
    }

    @Test
    void partsAndTheirManifests() {
        assertEquals("databases", SetLayout.part("db/001-a/meta.json"));
        assertEquals("databases", SetLayout.part("plan.json"));
        assertEquals("objects", SetLayout.part("ledger/objects-backup.jsonl"));
        assertEquals("keystores", SetLayout.part("keystores/files/x"));
        assertEquals("cleanup/20261124T101010Z", SetLayout.part("cleanup/20261124T101010Z/a/b.copy.zst"));
        assertEquals("cleanup/20261124T101010Z/cleanup-manifest.json", SetLayout.manifestOf("cleanup/20261124T101010Z"));
        assertEquals("objects/manifest.json", SetLayout.manifestOf("objects"));
    }

    @Test
    void sealsGoBeforeManifests() {
        assertEquals(List.of("manifest.seal.json", "objects/manifest.seal.json", "manifest.json", "objects/manifest.json"),
                SetLayout.manifestOrder(List.of("objects/manifest.json", "manifest.json", "objects/manifest.seal.json", "manifest.seal.json")));
    }
}
