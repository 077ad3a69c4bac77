package org.zonetrust.examples;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.util.List;
import org.jspecify.annotations.NullMarked;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The dependency rules of DESIGN.md, checked on the compiled main code of every module on this
 * module's class path (examples depends on all published modules).
 */
class ArchitectureTest {

  /** Published library modules; each may have an {@code internal} package. */
  private static final List<String> MODULES =
      List.of("core", "acme", "dnssec", "dane", "registrar", "testbed", "cli", "examples");

  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.zonetrust");
  }

  @Test
  void importedTheCoreModule() {
    // guards the rules below against passing vacuously on an empty import
    org.assertj.core.api.Assertions.assertThat(classes.containPackage("org.zonetrust.core"))
        .isTrue();
  }

  @Test
  void coreDependsOnNoSibling() {
    noClasses()
        .that()
        .resideInAPackage("org.zonetrust.core..")
        .should()
        .dependOnClassesThat()
        .resideOutsideOfPackages(
            "org.zonetrust.core..",
            "java..",
            "javax..",
            "org.xbill..",
            "org.slf4j..",
            // JSpecify nullness annotations only
            "org.jspecify..")
        .because("core is the shared vocabulary: everything depends on it, it depends on nothing")
        .check(classes);
  }

  @Test
  void nothingOutsideAModuleTouchesItsInternalPackage() {
    for (String module : MODULES) {
      String base = "org.zonetrust." + module;
      noClasses()
          .that()
          .resideOutsideOfPackage(base + "..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage(base + ".internal..")
          .allowEmptyShould(true)
          .because("internal packages are engines, free to change; use " + base + "'s API")
          .check(classes);
    }
  }

  @Test
  void everyPackageIsNullMarked() {
    classes()
        .should(
            new ArchCondition<JavaClass>("reside in a package annotated @NullMarked") {
              @Override
              public void check(JavaClass c, ConditionEvents events) {
                if (!isNullMarked(c.getPackageName())) {
                  events.add(
                      SimpleConditionEvent.violated(
                          c, c.getPackageName() + " has no package-info.java with @NullMarked"));
                }
              }
            })
        .because("NullAway checks only @NullMarked code: a package without it is unchecked")
        .check(classes);
  }

  private static boolean isNullMarked(String packageName) {
    try {
      return Class.forName(packageName + ".package-info").isAnnotationPresent(NullMarked.class);
    } catch (ClassNotFoundException e) {
      return false;
    }
  }

  @Test
  void timeComesFromAnInjectedClock() {
    noClasses()
        .that()
        .resideOutsideOfPackage("org.zonetrust.testbed..")
        .should()
        .callMethod(Instant.class, "now")
        .orShould()
        .callMethod(System.class, "currentTimeMillis")
        .orShould()
        .callMethod(LocalDate.class, "now")
        .orShould()
        .callMethod(LocalDateTime.class, "now")
        .orShould()
        .callMethod(ZonedDateTime.class, "now")
        .because(
            "time comes from an injected java.time.Clock (builders default to Clock.systemUTC())")
        .check(classes);
  }
}
