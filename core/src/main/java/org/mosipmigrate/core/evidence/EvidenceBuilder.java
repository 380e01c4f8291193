package org.mosipmigrate.core.evidence;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.mosipmigrate.core.evidence.EvidencePack.ConfigDigest;
import org.mosipmigrate.core.evidence.EvidencePack.DatabaseEvidence;
import org.mosipmigrate.core.evidence.EvidencePack.KeystoreEvidence;
import org.mosipmigrate.core.evidence.EvidencePack.Mismatch;
import org.mosipmigrate.core.evidence.EvidencePack.ObjectsEvidence;
import org.mosipmigrate.core.evidence.EvidencePack.Phase;
import org.mosipmigrate.core.evidence.EvidencePack.SchemaEvidence;
import org.mosipmigrate.core.evidence.EvidencePack.SourceRef;
import org.mosipmigrate.core.evidence.EvidencePack.TableEvidence;
import org.mosipmigrate.core.run.ToolVersion;

/**
 * Collects the parts of an evidence pack while a run goes on (phases as they finish, each part's results);
 * {@link #build()} fixes the verdict. Not thread-safe: one run, one builder.
 */
public final class EvidenceBuilder {
    private final String command;
    private ConfigDigest config;
    private SourceRef source;
    private ObjectsEvidence objects;
    private final List<Phase> phases = new ArrayList<>();
    private final List<DatabaseEvidence> databases = new ArrayList<>();
    private final List<TableEvidence> tables = new ArrayList<>();
    private final List<KeystoreEvidence> keystores = new ArrayList<>();
    private final List<SchemaEvidence> schema = new ArrayList<>();
    private final List<Mismatch> mismatches = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    EvidenceBuilder(String command) {
        this.command = command;
    }

    public EvidenceBuilder config(ConfigDigest digest) {
        this.config = digest;
        return this;
    }

    public EvidenceBuilder source(SourceRef ref) {
        this.source = ref;
        return this;
    }

    public EvidenceBuilder phase(Phase phase) {
        phases.add(phase);
        return this;
    }

    /** A phase that began at {@code started} and ends now. */
    public EvidenceBuilder phase(String name, Instant started, Long units, String unit, Long rows, Long bytes, Boolean passed) {
        double secs = Duration.between(started, Instant.now()).toMillis() / 1000.0;
        return phase(new Phase(name, started.toString(), secs, units, unit, rows, bytes, passed));
    }

    public EvidenceBuilder database(DatabaseEvidence db) {
        databases.add(db);
        return this;
    }

    public EvidenceBuilder table(TableEvidence table) {
        tables.add(table);
        return this;
    }

    public EvidenceBuilder objects(ObjectsEvidence o) {
        this.objects = o;
        return this;
    }

    public EvidenceBuilder keystore(KeystoreEvidence k) {
        keystores.add(k);
        return this;
    }

    public EvidenceBuilder schema(SchemaEvidence s) {
        schema.add(s);
        return this;
    }

    public EvidenceBuilder mismatch(Mismatch m) {
        mismatches.add(m);
        return this;
    }

    public EvidenceBuilder note(String note) {
        notes.add(note);
        return this;
    }

    /** The pack without report reference and signature; {@link EvidenceWriter} adds both. */
    public EvidencePack build() {
        return new EvidencePack(EvidencePack.FORMAT, EvidencePack.FORMAT_VERSION, command, ToolVersion.NAME_AND_VERSION, Instant.now().toString(),
                mismatches.isEmpty() ? EvidencePack.PASSED : EvidencePack.FAILED, config, source, phases, databases, tables, objects, keystores,
                schema, mismatches, notes, null, null);
    }
}
