package io.distillwatch.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Pure modules stay free of frameworks: detection, sharing and screening logic is plain Java. */
class ArchitectureTest {
  private static final String[] FRAMEWORKS = {
    "org.apache.flink..", "io.javalin..", "org.eclipse.jetty..", "jakarta.servlet..", "javax.servlet..",
    "java.sql..", "javax.sql..", "org.flywaydb..", "org.apache.kafka..", "picocli.."
  };
  private static final String[] PURE_PACKAGES = {
    "io.distillwatch.event..", "io.distillwatch.ingest..", "io.distillwatch.detect..",
    "io.distillwatch.template..", "io.distillwatch.scan..", "io.distillwatch.report..",
    "io.distillwatch.ipintel..", "io.distillwatch.sample..", "io.distillwatch.util..",
    "io.distillwatch.screening..", "io.distillwatch.sharing..", "io.distillwatch.eval..",
    "io.distillwatch.linking..", "io.distillwatch.cluster.."
  };

  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(location -> !location.contains("-tests.jar")) // other modules' test-jars
            .importPackages("io.distillwatch");
  }

  @Test
  void pureModulesDoNotDependOnFrameworks() {
    ArchRule rule =
        noClasses()
            .that()
            .resideInAnyPackage(PURE_PACKAGES)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(FRAMEWORKS)
            .because("detection, sharing and screening logic must be testable without Flink, HTTP or a database");
    rule.check(classes);
  }

  @Test
  void pureModulesDoNotDependOnTheFrameworkLayers() {
    noClasses()
        .that()
        .resideInAnyPackage(PURE_PACKAGES)
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.distillwatch.flink..", "io.distillwatch.hub..", "io.distillwatch.cli..")
        .check(classes);
  }

  @Test
  void detectionDependsOnNeitherClustersNorLinkingNorScanOutput() {
    // docs/architecture.md: cluster → linking → detect, never back
    noClasses()
        .that()
        .resideInAPackage("io.distillwatch.detect..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.distillwatch.cluster..", "io.distillwatch.linking..", "io.distillwatch.scan..")
        .check(classes);
  }

  @Test
  void theRuleSeesThePureClasses() {
    // Guards against the import silently finding nothing, which would make the rules pass vacuously.
    org.assertj.core.api.Assertions.assertThat(
            classes.stream().filter(c -> c.getPackageName().startsWith("io.distillwatch.detect")).count())
        .isGreaterThan(3);
  }
}
