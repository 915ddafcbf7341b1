package io.hotpath.planner.playbook;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The shipped catalog and each tenant's own: {@code <tenant-dir>/<tenant>/*.yaml} add playbooks or
 * override shipped ones with the same id, for that tenant only, and {@code
 * <tenant-dir>/<tenant>/<service>/*.yaml} do the same on top of the tenant's for one service,
 * without rebuilding the planner. Every file is read and checked at startup, so a broken one stops
 * the planner with its file and line.
 */
public final class Catalogs {
  private final PlaybookCatalog shipped;
  private final Map<String, PlaybookCatalog> tenants;
  private final Map<String, PlaybookCatalog> services;

  public Catalogs(
      PlaybookCatalog shipped,
      Map<String, PlaybookCatalog> tenants,
      Map<String, PlaybookCatalog> services) {
    this.shipped = shipped;
    this.tenants = Map.copyOf(tenants);
    this.services = Map.copyOf(services);
  }

  /** Only the shipped catalog. */
  public static Catalogs of(PlaybookCatalog shipped) {
    return new Catalogs(shipped, Map.of(), Map.of());
  }

  /**
   * The shipped catalog with every tenant directory under {@code tenantDir}: each sub-directory is
   * a tenant, each {@code .yaml} or {@code .yml} file in it (read in name order) holds playbooks in
   * the shipped format.
   *
   * @throws InvalidCatalogException naming the file and line of the first problem
   * @throws UncheckedIOException when the directory cannot be read
   */
  public static Catalogs load(PlaybookCatalog shipped, Path tenantDir) {
    if (!Files.isDirectory(tenantDir)) {
      throw new InvalidCatalogException(
          tenantDir.toString(), 0, 0, "", "the tenant playbook directory does not exist", null);
    }
    Map<String, PlaybookCatalog> tenants = new TreeMap<>();
    Map<String, PlaybookCatalog> services = new TreeMap<>();
    try {
      for (Path dir : directories(tenantDir)) {
        String tenant = dir.getFileName().toString();
        Map<String, byte[]> files = read(dir);
        PlaybookCatalog own = files.isEmpty() ? shipped : shipped.withTenantFiles(tenant, files);
        if (!files.isEmpty()) {
          tenants.put(tenant, own);
        }
        for (Path serviceDir : directories(dir)) {
          String service = serviceDir.getFileName().toString();
          Map<String, byte[]> serviceFiles = read(serviceDir);
          if (!serviceFiles.isEmpty()) {
            services.put(
                key(tenant, service), own.withTenantFiles(tenant + "/" + service, serviceFiles));
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read tenant playbooks in " + tenantDir, e);
    }
    return new Catalogs(shipped, tenants, services);
  }

  private static List<Path> directories(Path dir) throws IOException {
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.filter(Files::isDirectory).sorted().toList();
    }
  }

  private static Map<String, byte[]> read(Path dir) throws IOException {
    Map<String, byte[]> files = new LinkedHashMap<>();
    for (Path file : yamlFiles(dir)) {
      files.put(file.toString(), Files.readAllBytes(file));
    }
    return files;
  }

  private static String key(String tenant, String service) {
    return tenant + "/" + service;
  }

  private static List<Path> yamlFiles(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .filter(Files::isRegularFile)
          .filter(
              file -> {
                String name = file.getFileName().toString();
                return name.endsWith(".yaml") || name.endsWith(".yml");
              })
          .sorted()
          .toList();
    }
  }

  /** The catalog a tenant's bottlenecks are planned with: its own if it has one. */
  public PlaybookCatalog forTenant(String tenant) {
    return tenants.getOrDefault(tenant, shipped);
  }

  /** The catalog of one service: its own if it has one, else its tenant's. */
  public PlaybookCatalog forService(String tenant, String service) {
    PlaybookCatalog own = services.get(key(tenant, service));
    return own != null ? own : forTenant(tenant);
  }

  /** The services with playbooks of their own ({@code tenant/service}), and their catalogs. */
  public Map<String, PlaybookCatalog> services() {
    return services;
  }

  public PlaybookCatalog shipped() {
    return shipped;
  }

  /** The tenants with playbooks of their own, and their merged catalogs. */
  public Map<String, PlaybookCatalog> tenants() {
    return tenants;
  }
}
