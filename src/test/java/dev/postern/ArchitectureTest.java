package dev.postern;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** cli → collect | graph | rules | report → model; SDK types only in collect; only cli prints or exits. */
class ArchitectureTest {
  static JavaClasses classes;

  @BeforeAll
  static void load() {
    classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.postern");
  }

  @Test
  void layersPointOneWay() {
    layeredArchitecture().consideringOnlyDependenciesInLayers()
        .layer("cli").definedBy("dev.postern.cli..")
        .layer("collect").definedBy("dev.postern.collect..")
        .layer("graph").definedBy("dev.postern.graph..")
        .layer("rules").definedBy("dev.postern.rules..")
        .layer("report").definedBy("dev.postern.report..")
        .layer("model").definedBy("dev.postern.model..")
        .whereLayer("cli").mayNotBeAccessedByAnyLayer()
        .whereLayer("collect").mayOnlyBeAccessedByLayers("cli")
        .whereLayer("report").mayOnlyBeAccessedByLayers("cli")
        .whereLayer("rules").mayOnlyBeAccessedByLayers("cli")
        .whereLayer("graph").mayOnlyBeAccessedByLayers("cli", "rules")
        .check(classes);
  }

  @Test
  void modelDependsOnNothing() {
    noClasses().that().resideInAPackage("dev.postern.model..")
        .should().dependOnClassesThat().resideOutsideOfPackages("dev.postern.model..", "java..")
        .check(classes);
  }

  @Test
  void awsSdkOnlyInCollect() {
    noClasses().that().resideOutsideOfPackage("dev.postern.collect..")
        .should().dependOnClassesThat().resideInAPackage("software.amazon..")
        .check(classes);
  }

  @Test
  void onlyCliPrintsOrExits() {
    noClasses().that().resideOutsideOfPackage("dev.postern.cli..")
        .should().accessField(System.class, "out").orShould().accessField(System.class, "err")
        .orShould().callMethod(System.class, "exit", int.class)
        .check(classes);
  }
}
