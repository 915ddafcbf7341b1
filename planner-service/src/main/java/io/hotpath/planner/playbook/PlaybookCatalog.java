package io.hotpath.planner.playbook;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.hotpath.contracts.bottleneck.BottleneckDetected;
import io.hotpath.contracts.bottleneck.BottleneckType;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The playbooks the planner makes plans from, read from YAML. Reading is strict (unknown fields,
 * unknown enum values, duplicate keys and missing fields are refused with their line) because a
 * catalog mistake would otherwise surface as wrong plans long after startup.
 *
 * <p>Where several playbooks cover one bottleneck type, the first listed whose rule ({@code when})
 * the bottleneck meets is used: the catalog lists them in order of preference, the most specific
 * first and a catch-all without rule last.
 */
public final class PlaybookCatalog {
  private static final ObjectMapper YAML =
      YAMLMapper.builder()
          .addModule(new JavaTimeModule())
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
          .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .build();

  private final String source;
  private final String version;
  private final List<Playbook> playbooks;
  private final Map<BottleneckType, List<Playbook>> byType;

  private PlaybookCatalog(String source, String version, List<Playbook> playbooks) {
    this.source = source;
    this.version = version;
    this.playbooks = List.copyOf(playbooks);
    Map<BottleneckType, List<Playbook>> types = new EnumMap<>(BottleneckType.class);
    for (Playbook playbook : playbooks) {
      types.computeIfAbsent(playbook.bottleneckType(), type -> new ArrayList<>()).add(playbook);
    }
    types.replaceAll((type, list) -> List.copyOf(list));
    this.byType = Collections.unmodifiableMap(types);
  }

  /**
   * Reads a catalog.
   *
   * @param source where the bytes came from, for error messages
   * @throws InvalidCatalogException naming the source, line and field of the first problem
   */
  public static PlaybookCatalog parse(String source, byte[] yaml) {
    return new PlaybookCatalog(source, versionOf(yaml), read(source, yaml));
  }

  /**
   * This catalog with a tenant's own playbooks: one with the id of a shipped playbook replaces it
   * in place; the others come first, in file order, so they are preferred over the shipped ones of
   * their type. The version covers the shipped catalog and every tenant file (name and content).
   *
   * @param files the tenant's catalog files, by source name, in the order they are read
   * @throws InvalidCatalogException naming the file and line of the first problem, including an id
   *     given twice across the tenant's files
   */
  public PlaybookCatalog withTenantFiles(String tenant, Map<String, byte[]> files) {
    List<Playbook> added = new ArrayList<>();
    List<Playbook> merged = new ArrayList<>(playbooks);
    Map<String, String> seen = new HashMap<>();
    StringBuilder identity = new StringBuilder(version);
    for (Map.Entry<String, byte[]> file : files.entrySet()) {
      String fileSource = file.getKey();
      List<Playbook> own = read(fileSource, file.getValue());
      identity
          .append('\u001f')
          .append(fileSource)
          .append('\u001f')
          .append(versionOf(file.getValue()));
      for (int i = 0; i < own.size(); i++) {
        Playbook playbook = own.get(i);
        String earlier = seen.putIfAbsent(playbook.id(), fileSource);
        if (earlier != null) {
          String path = "playbooks[" + i + "].id";
          throw new InvalidCatalogException(
              fileSource,
              linesOrEmpty(file.getValue()).getOrDefault(path, 0),
              0,
              path,
              "id '" + playbook.id() + "' is already used in " + earlier,
              null);
        }
        boolean replaced = false;
        for (int j = 0; j < merged.size(); j++) {
          if (merged.get(j).id().equals(playbook.id())) {
            merged.set(j, playbook);
            replaced = true;
          }
        }
        if (!replaced) {
          added.add(playbook);
        }
      }
    }
    added.addAll(merged);
    return new PlaybookCatalog(
        source + " + tenant " + tenant,
        versionOf(identity.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)),
        added);
  }

  /**
   * Reads and checks the playbooks of one file.
   *
   * @throws InvalidCatalogException naming the source, line and field of the first problem
   */
  static List<Playbook> read(String source, byte[] yaml) {
    CatalogFile file;
    try {
      JsonNode tree = YAML.readTree(yaml);
      file =
          tree == null || tree.isMissingNode() ? null : YAML.treeToValue(tree, CatalogFile.class);
    } catch (JsonMappingException e) {
      throw invalid(source, e, linesOrEmpty(yaml));
    } catch (JsonProcessingException e) {
      throw invalid(source, e, Map.of());
    } catch (IOException e) {
      throw new InvalidCatalogException(source, 0, 0, "", e.getMessage(), e);
    }
    if (file == null) {
      throw new InvalidCatalogException(source, 0, 0, "", "the catalog is empty", null);
    }
    Map<String, Integer> seen = new HashMap<>();
    List<Playbook> playbooks = file.playbooks();
    for (int i = 0; i < playbooks.size(); i++) {
      Integer earlier = seen.putIfAbsent(playbooks.get(i).id(), i);
      if (earlier != null) {
        String path = "playbooks[" + i + "].id";
        throw new InvalidCatalogException(
            source,
            linesOrEmpty(yaml).getOrDefault(path, 0),
            0,
            path,
            "id '" + playbooks.get(i).id() + "' is already used by playbooks[" + earlier + "]",
            null);
      }
    }
    return playbooks;
  }

  /**
   * Binding works on a tree, which has no line numbers; so on a binding error the lines are read
   * again, per field path, and the error is placed on the line of its path (or of the nearest
   * enclosing path, e.g. the entry that lacks a field).
   */
  private static InvalidCatalogException invalid(
      String source, JsonProcessingException e, Map<String, Integer> lines) {
    JsonLocation location = e.getLocation();
    int line = location == null ? 0 : location.getLineNr();
    int column = location == null ? 0 : location.getColumnNr();
    String path = "";
    String problem = e.getOriginalMessage();
    if (e instanceof JsonMappingException mapping) {
      path = pathOf(mapping);
      for (String at = path; line <= 0 && at != null; at = parentOf(at)) {
        line = lines.getOrDefault(at, 0);
        column = 0;
      }
      // A record constructor's own check says best what is wrong.
      if (mapping.getCause() instanceof IllegalArgumentException check) {
        problem = check.getMessage();
      }
    }
    return new InvalidCatalogException(source, line, column, path, problem, e);
  }

  private static String parentOf(String path) {
    if (path.isEmpty()) {
      return null;
    }
    int cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
    return cut < 0 ? "" : path.substring(0, cut);
  }

  private static Map<String, Integer> linesOrEmpty(byte[] yaml) {
    try {
      return lines(yaml);
    } catch (IOException e) {
      return Map.of();
    }
  }

  /** The 1-based line of every field and list item, by path ({@code playbooks[0].risk}). */
  private static Map<String, Integer> lines(byte[] yaml) throws IOException {
    Map<String, Integer> lines = new HashMap<>();
    Deque<String> paths = new ArrayDeque<>();
    Deque<int[]> indexes = new ArrayDeque<>();
    try (JsonParser parser = YAML.getFactory().createParser(yaml)) {
      String path = "";
      for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
        int line = parser.currentTokenLocation().getLineNr();
        if (token == JsonToken.FIELD_NAME) {
          String parent = paths.isEmpty() ? "" : paths.peek();
          path = parent.isEmpty() ? parser.currentName() : parent + "." + parser.currentName();
          lines.putIfAbsent(path, line);
          continue;
        }
        if (!indexes.isEmpty() && indexes.peek() != null && indexes.peek().length == 1) {
          // A value directly inside a list: its path is the list's plus its index.
          int index = indexes.peek()[0]++;
          if (token != JsonToken.END_ARRAY) {
            path = paths.peek() + "[" + index + "]";
            lines.putIfAbsent(path, line);
          }
        }
        switch (token) {
          case START_OBJECT -> {
            paths.push(path);
            indexes.push(new int[0]);
          }
          case START_ARRAY -> {
            paths.push(path);
            indexes.push(new int[] {0});
          }
          case END_OBJECT, END_ARRAY -> {
            paths.pop();
            indexes.pop();
          }
          default -> {}
        }
      }
    }
    return lines;
  }

  private static String pathOf(JsonMappingException e) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference ref : e.getPath()) {
      if (ref.getFieldName() != null) {
        if (!path.isEmpty()) {
          path.append('.');
        }
        path.append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        path.append('[').append(ref.getIndex()).append(']');
      }
    }
    return path.toString();
  }

  /** A short content hash: plans record it, so a catalog change is visible in every plan. */
  private static String versionOf(byte[] yaml) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(yaml);
      StringBuilder hex = new StringBuilder("sha256:");
      for (int i = 0; i < 6; i++) {
        hex.append(String.format("%02x", digest[i]));
      }
      return hex.toString();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }

  /** The first playbook listed for a bottleneck type; empty where the catalog has none. */
  public Optional<Playbook> forType(BottleneckType type) {
    return playbooksFor(type).stream().findFirst();
  }

  /** The playbooks of a type, in order of preference. */
  public List<Playbook> playbooksFor(BottleneckType type) {
    return byType.getOrDefault(type, List.of());
  }

  /**
   * The playbook for a bottleneck: the first listed for its type whose rule it meets. Empty when
   * none applies, which is a coverage gap, never an invented plan.
   */
  public Optional<Playbook> select(BottleneckDetected bottleneck) {
    return playbooksFor(bottleneck.type()).stream()
        .filter(playbook -> playbook.appliesTo(bottleneck))
        .findFirst();
  }

  public Set<BottleneckType> coveredTypes() {
    return byType.keySet();
  }

  public List<Playbook> playbooks() {
    return playbooks;
  }

  /** Changes whenever the catalog's content changes, e.g. {@code sha256:3f2a9c0d1e4b}. */
  public String version() {
    return version;
  }

  public String source() {
    return source;
  }

  @Override
  public String toString() {
    return "PlaybookCatalog["
        + source
        + " "
        + version
        + ", "
        + playbooks.stream().map(Playbook::id).collect(Collectors.joining(", "))
        + "]";
  }

  /** The file's shape: a list of playbooks under one key, room for catalog-wide settings later. */
  record CatalogFile(List<Playbook> playbooks) {
    @JsonCreator
    CatalogFile(@JsonProperty(value = "playbooks", required = true) List<Playbook> playbooks) {
      if (playbooks == null || playbooks.isEmpty()) {
        throw new IllegalArgumentException("playbooks must list at least one playbook");
      }
      for (int i = 0; i < playbooks.size(); i++) {
        if (playbooks.get(i) == null) {
          throw new IllegalArgumentException("playbooks[" + i + "] is empty");
        }
      }
      this.playbooks = new ArrayList<>(playbooks);
    }
  }
}
