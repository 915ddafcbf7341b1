package io.hotpath.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Quarkus test resource hands out one JVM-wide stack. */
class HotpathStackResourceTest {

  @Test
  void sharesOneStackAndAddsPostgresOnlyWhenAsked() throws Exception {
    Map<String, String> kafkaOnly = started(Map.of());

    assertThat(kafkaOnly)
        .containsEntry("quarkus.devservices.enabled", "false")
        .containsEntry("quarkus.kafka.devservices.enabled", "false")
        .containsKey("kafka.bootstrap.servers")
        .doesNotContainKey("quarkus.datasource.jdbc.url");
    assertThat(LocalStackLifecycleTest.accepts(port(kafkaOnly.get("kafka.bootstrap.servers"))))
        .isTrue();

    Map<String, String> withPostgres = started(Map.of(HotpathStackResource.POSTGRES, "true"));

    assertThat(withPostgres)
        .containsEntry("kafka.bootstrap.servers", kafkaOnly.get("kafka.bootstrap.servers"))
        .containsEntry("quarkus.datasource.username", "postgres")
        .containsEntry("quarkus.datasource.password", "postgres");
    assertThat(withPostgres.get("quarkus.datasource.reactive.url"))
        .matches("postgresql://127\\.0\\.0\\.1:\\d+/postgres");
    assertThat(withPostgres.get("quarkus.datasource.jdbc.url"))
        .isEqualTo("jdbc:" + withPostgres.get("quarkus.datasource.reactive.url"));
    try (Connection connection =
            DriverManager.getConnection(
                withPostgres.get("quarkus.datasource.jdbc.url"),
                withPostgres.get("quarkus.datasource.username"),
                withPostgres.get("quarkus.datasource.password"));
        Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery("select 1")) {
      assertThat(result.next()).isTrue();
    }

    assertThat(started(Map.of(HotpathStackResource.POSTGRES, "true"))).isEqualTo(withPostgres);
  }

  private static Map<String, String> started(Map<String, String> initArgs) {
    HotpathStackResource resource = new HotpathStackResource();
    resource.init(initArgs);
    Map<String, String> config = resource.start();
    resource.stop();
    return config;
  }

  private static int port(String hostAndPort) {
    return Integer.parseInt(hostAndPort.substring(hostAndPort.lastIndexOf(':') + 1));
  }
}
