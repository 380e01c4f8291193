package org.mosipmigrate.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The dependency rules of docs/architecture.md ("Modules and what each may import") on the shipped classes. Maven's
 * module graph already stops most forbidden imports; these rules catch what it cannot see (SDK types outside the
 * adapters, logic creeping into the command classes, picocli outside the CLI).
 */
class ArchitectureTest {
    private static final String P = "org.mosipmigrate.";
    private static JavaClasses shipped;

    @BeforeAll
    static void importClasses() {
        shipped = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> !location.contains("/testkit/") && !location.contains("/demo/"))
                .importPackages("org.mosipmigrate");
    }

    @Test
    void theImportsFoundAreReal() {
        // a rule over no classes passes whatever it says: make sure every module was found
        for (String m : new String[]{"core", "keystores", "backup", "restore", "copy", "verify", "schema", "objects", "transfer", "seed", "engine", "cli"}) {
            if (shipped.stream().noneMatch(c -> c.getPackageName().startsWith(P + m))) {
                throw new AssertionError("no class of module " + m + " was imported: the rules below would not check it");
            }
        }
    }

    @Test
    void coreImportsNoOtherModule() {
        noClasses().that().resideInAPackage(P + "core..").should().dependOnClassesThat()
                .resideInAnyPackage(P + "keystores..", P + "backup..", P + "restore..", P + "copy..", P + "verify..", P + "schema..", P + "objects..",
                        P + "transfer..", P + "seed..", P + "engine..", P + "cli..")
                .check(shipped);
    }

    @Test
    void theKeystoreReaderImportsOnlyCore() {
        noClasses().that().resideInAPackage(P + "keystores..").should().dependOnClassesThat().resideInAnyPackage(otherModules("keystores"))
                .check(shipped);
    }

    @Test
    void stageModulesImportOnlyCore() {
        for (String stage : new String[]{"backup", "restore", "verify", "schema", "objects", "seed"}) {
            noClasses().that().resideInAPackage(P + stage + "..").should().dependOnClassesThat()
                    .resideInAnyPackage(otherModules(stage))
                    .because(stage + " is a stage: it may import core and the keystore reader only (docs/architecture.md)")
                    .check(shipped);
        }
    }

    /** Every module but {@code module}, core and the keystore reader (which every stage may import). */
    private static String[] otherModules(String module) {
        return java.util.Arrays.stream(new String[]{"backup", "restore", "copy", "verify", "schema", "objects", "transfer", "seed", "engine", "cli"})
                .filter(m -> !m.equals(module)).map(m -> P + m + "..").toArray(String[]::new);
    }

    @Test
    void copyJoinsBackupAndRestoreOnly() {
        noClasses().that().resideInAPackage(P + "copy..").should().dependOnClassesThat()
                .resideInAnyPackage(P + "verify..", P + "schema..", P + "objects..", P + "transfer..", P + "seed..", P + "engine..", P + "cli..")
                .check(shipped);
    }

    @Test
    void transferBuildsOnObjectsOnly() {
        noClasses().that().resideInAPackage(P + "transfer..").should().dependOnClassesThat()
                .resideInAnyPackage(P + "backup..", P + "restore..", P + "copy..", P + "verify..", P + "schema..", P + "seed..", P + "engine..", P + "cli..")
                .check(shipped);
    }

    @Test
    void onlyTheObjectAdaptersTouchAnS3Sdk() {
        noClasses().that().resideOutsideOfPackage(P + "objects.adapter..").should().dependOnClassesThat()
                .resideInAnyPackage("io.minio..", "software.amazon.awssdk..", "okhttp3..")
                .check(shipped);
    }

    @Test
    void onlySchemaMigrationsTouchesFlyway() {
        noClasses().that().resideOutsideOfPackage(P + "schema..").should().dependOnClassesThat().resideInAPackage("org.flywaydb..")
                .check(shipped);
    }

    @Test
    void onlyTheCommandLineTouchesPicocli() {
        noClasses().that().resideOutsideOfPackage(P + "cli..").should().dependOnClassesThat().resideInAPackage("picocli..")
                .check(shipped);
    }

    @Test
    void theEngineNeverCallsTheCommandLine() {
        noClasses().that().resideInAPackage(P + "engine..").should().dependOnClassesThat().resideInAPackage(P + "cli..")
                .check(shipped);
    }

    @Test
    void commandsOnlyParseOptionsPickPartsAndPrint() {
        classes().that().resideInAPackage(P + "cli.commands..").should().onlyDependOnClassesThat()
                .resideInAnyPackage(P + "core..", P + "engine..", P + "cli..", "java..", "picocli..")
                .because("a command parses its options, picks its parts and hands them to the engine; the work is done there")
                .check(shipped);
    }
}
