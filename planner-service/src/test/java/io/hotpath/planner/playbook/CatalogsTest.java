package io.hotpath.planner.playbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hotpath.contracts.bottleneck.BottleneckType;
import io.hotpath.planner.Bottlenecks;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tenant playbooks from a directory: added, overriding, refused when broken. */
class CatalogsTest {
  private static PlaybookCatalog shipped;

  @TempDir Path dir;

  @BeforeAll
  static void loadShippedCatalog() throws IOException {
    try (InputStream in =
        CatalogsTest.class.getClassLoader().getResourceAsStream("playbooks.yaml")) {
      shipped = PlaybookCatalog.parse("playbooks.yaml", in.readAllBytes());
    }
  }

  private static String playbook(String id, String approach) {
    return """
        playbooks:
          - id: %s
            bottleneckType: N_PLUS_ONE
            approach: %s
            steps: ["Load {location} with one query"]
            validation: {metric: "queries[{location}]", target: "<= 1"}
            risk: LOW
            effort: {size: XS, days: 0.5}
            rollback: {method: REVERT, automated: false, timeToRollback: PT30M, steps: ["git revert"]}
            expectedImprovement:
              method: DIFFERENCE
              measurement: totalMs
              minus: meanMs
              unit: ms
              summary: "{value} {unit}"
        """
        .formatted(id, approach);
  }

  private void write(String tenant, String file, String yaml) throws IOException {
    Files.createDirectories(dir.resolve(tenant));
    Files.writeString(dir.resolve(tenant).resolve(file), yaml);
  }

  @Test
  void prefersATenantsOwnPlaybookForThatTenantOnly() throws IOException {
    write("acme", "n-plus-one.yaml", playbook("acme-dataloader", "Use the DataLoader"));

    Catalogs catalogs = Catalogs.load(shipped, dir);

    var nPlusOne = Bottlenecks.nPlusOne("acme", "checkout", 10, 12);
    assertThat(catalogs.forTenant("acme").select(nPlusOne).orElseThrow().id())
        .isEqualTo("acme-dataloader");
    assertThat(catalogs.forTenant("globex").select(nPlusOne).orElseThrow().id())
        .isEqualTo("n-plus-one-batch-load");
    assertThat(catalogs.forTenant("globex")).isSameAs(shipped);
    // The shipped playbooks of other types stay.
    assertThat(catalogs.forTenant("acme").coveredTypes())
        .containsExactlyInAnyOrder(BottleneckType.values());
  }

  @Test
  void overridesAShippedPlaybookWithTheSameId() throws IOException {
    write("acme", "override.yml", playbook("n-plus-one-batch-load", "Our own batch loading"));

    PlaybookCatalog acme = Catalogs.load(shipped, dir).forTenant("acme");

    assertThat(acme.playbooksFor(BottleneckType.N_PLUS_ONE))
        .singleElement()
        .satisfies(p -> assertThat(p.approach()).isEqualTo("Our own batch loading"));
    assertThat(acme.playbooks()).hasSameSizeAs(shipped.playbooks());
  }

  @Test
  void givesATenantCatalogItsOwnVersionThatFollowsItsFiles() throws IOException {
    write("acme", "a.yaml", playbook("acme-dataloader", "Use the DataLoader"));
    String before = Catalogs.load(shipped, dir).forTenant("acme").version();

    write("acme", "a.yaml", playbook("acme-dataloader", "Use the DataLoader, batched"));
    String after = Catalogs.load(shipped, dir).forTenant("acme").version();

    assertThat(before).isNotEqualTo(shipped.version()).matches("sha256:[0-9a-f]{12}");
    assertThat(after).isNotEqualTo(before);
  }

  @Test
  void refusesABrokenTenantFileNamingTheFileAndLine() throws IOException {
    write("acme", "broken.yaml", playbook("x", "y").replace("risk: LOW", "risk: SOMEWHAT"));

    assertThatThrownBy(() -> Catalogs.load(shipped, dir))
        .isInstanceOf(InvalidCatalogException.class)
        .hasMessageContaining(dir.resolve("acme").resolve("broken.yaml") + " line 7")
        .hasMessageContaining("playbooks[0].risk")
        .hasMessageContaining("SOMEWHAT");
  }

  @Test
  void refusesAnIdGivenTwiceAcrossATenantsFiles() throws IOException {
    write("acme", "a.yaml", playbook("acme-dataloader", "one"));
    write("acme", "b.yaml", playbook("acme-dataloader", "two"));

    assertThatThrownBy(() -> Catalogs.load(shipped, dir))
        .isInstanceOf(InvalidCatalogException.class)
        .hasMessageContaining("b.yaml line 2 at playbooks[0].id")
        .hasMessageContaining("already used in");
  }

  @Test
  void refusesATenantDirectoryThatDoesNotExist() {
    assertThatThrownBy(() -> Catalogs.load(shipped, dir.resolve("missing")))
        .isInstanceOf(InvalidCatalogException.class)
        .hasMessageContaining("does not exist");
  }

  @Test
  void layersAServicesOwnPlaybooksOnItsTenants() throws IOException {
    write("acme", "tenant.yaml", playbook("acme-dataloader", "Use the DataLoader"));
    write("acme/checkout", "service.yaml", playbook("checkout-join", "Join in the view"));

    Catalogs catalogs = Catalogs.load(shipped, dir);

    var checkout = Bottlenecks.nPlusOne("acme", "checkout", 10, 12);
    assertThat(catalogs.forService("acme", "checkout").select(checkout).orElseThrow().id())
        .isEqualTo("checkout-join");
    assertThat(catalogs.forService("acme", "payments").select(checkout).orElseThrow().id())
        .isEqualTo("acme-dataloader");
    assertThat(catalogs.forService("acme", "checkout").playbooksFor(BottleneckType.N_PLUS_ONE))
        .extracting(Playbook::id)
        .containsExactly("checkout-join", "acme-dataloader", "n-plus-one-batch-load");
    assertThat(catalogs.forService("acme", "checkout").version())
        .isNotEqualTo(catalogs.forTenant("acme").version());
  }
}
