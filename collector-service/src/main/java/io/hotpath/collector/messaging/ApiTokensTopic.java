package io.hotpath.collector.messaging;

import io.hotpath.contracts.Topics;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Makes the API-token topic compacted: created so, or altered to it when something created it first
 * (a broker that auto-creates topics does so with deletion after the retention period, and would
 * delete with the old records the tokens they grant).
 */
@ApplicationScoped
public class ApiTokensTopic {
  private static final Logger LOG = Logger.getLogger(ApiTokensTopic.class);
  private static final Map<String, String> CONFIGS =
      Map.of(
          TopicConfig.CLEANUP_POLICY_CONFIG,
          TopicConfig.CLEANUP_POLICY_COMPACT,
          TopicConfig.MIN_COMPACTION_LAG_MS_CONFIG,
          "0");

  @ConfigProperty(name = "kafka.bootstrap.servers")
  String bootstrapServers;

  /** Early among the startup observers, before the messaging channels connect. */
  void ensureCompacted(@Observes @Priority(1) StartupEvent start) {
    try (Admin admin =
        Admin.create(
            Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
                5_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                10_000))) {
      try {
        admin
            .createTopics(
                List.of(
                    new NewTopic(Topics.API_TOKENS, Optional.of(1), Optional.empty())
                        .configs(CONFIGS)))
            .all()
            .get(15, TimeUnit.SECONDS);
        LOG.infof("Created the compacted topic %s", Topics.API_TOKENS);
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof TopicExistsException)) {
          throw e;
        }
        ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, Topics.API_TOKENS);
        List<AlterConfigOp> ops =
            CONFIGS.entrySet().stream()
                .map(
                    c ->
                        new AlterConfigOp(
                            new ConfigEntry(c.getKey(), c.getValue()), AlterConfigOp.OpType.SET))
                .toList();
        admin.incrementalAlterConfigs(Map.of(topic, ops)).all().get(15, TimeUnit.SECONDS);
      }
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      // Not fatal: ingest works with the configured tokens, and the admin API answers 503 while
      // Kafka cannot take a change.
      LOG.warnf(e, "Could not make %s compacted", Topics.API_TOKENS);
    }
  }
}
