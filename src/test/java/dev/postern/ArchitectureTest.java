package dev.postern;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** SDK types stay in collect; the live path adds no way around that. */
class ArchitectureTest {
  static final JavaClasses MAIN = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("dev.postern");

  @Test
  void noAwsSdkTypeOutsideCollect() {
    noClasses().that().resideOutsideOfPackage("dev.postern.collect..")
        .should().dependOnClassesThat().resideInAPackage("software.amazon.awssdk..")
        .check(MAIN);
  }

  @Test
  void onlyTheCliTouchesTheProcess() {
    noClasses().that().resideOutsideOfPackage("dev.postern.cli..")
        .should().callMethod(System.class, "exit", int.class)
        .orShould().accessField(System.class, "out")
        .orShould().accessField(System.class, "err")
        .check(MAIN);
  }
}
