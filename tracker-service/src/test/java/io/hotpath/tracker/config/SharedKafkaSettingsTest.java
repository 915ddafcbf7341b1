package io.hotpath.tracker.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotpath.localstack.HotpathStackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import jakarta.inject.Inject;
import java.util.Map;
import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.Test;

/**
 * The Kafka settings every service shares come from contracts' {@code
 * META-INF/microprofile-config.properties}: each of the tracker's consumers gets them, beside what
 * its own channel sets.
 */
@QuarkusTest
@QuarkusTestResource(
    value = HotpathStackResource.class,
    restrictToAnnotatedClass = false,
    initArgs = @ResourceArg(name = HotpathStackResource.POSTGRES, value = "true"))
class SharedKafkaSettingsTest {
  @Inject KafkaClientService kafka;
  @Inject Config config;

  @Test
  void everyConsumerWaitsASecondForDataAtTheBrokerAndKeepsItsChannelsOwnSettings() {
    assertThat(kafka.getConsumerChannels()).contains("bottlenecks-in", "telemetry-metrics-in");
    for (String channel : kafka.getConsumerChannels()) {
      assertThat(kafka.getConsumers(channel))
          .as(channel)
          .isNotEmpty()
          .allSatisfy(
              consumer ->
                  assertThat(String.valueOf(consumer.configuration().get("fetch.max.wait.ms")))
                      .as(channel)
                      .isEqualTo("1000"));
    }
    Map<String, ?> metrics = kafka.getConsumer("telemetry-metrics-in").configuration();
    assertThat(String.valueOf(metrics.get("fetch.min.bytes"))).isEqualTo("65536");
  }

  @Test
  void theConnectorPollsAQuarterOfASecondAndDoesNotTraceRecords() {
    assertThat(config.getValue("mp.messaging.connector.smallrye-kafka.poll-timeout", Integer.class))
        .isEqualTo(250);
    assertThat(
            config.getValue("mp.messaging.connector.smallrye-kafka.tracing-enabled", Boolean.class))
        .isFalse();
  }
}
