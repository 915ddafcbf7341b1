package io.hotpath.localstack;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one local stack of a test JVM.
 *
 * <p>Quarkus may load this class more than once (a class loader per application restart), so
 * statics are not enough: the addresses live in system properties, and the lock is an interned
 * string literal, which is the same object in every class loader of the JVM.
 */
final class SharedStack {

  private static final String LOCK = "io.hotpath.localstack.SharedStack.lock";
  static final String KAFKA_BOOTSTRAP = "hotpath.local-stack.kafka.bootstrap-servers";
  static final String POSTGRES_JDBC_URL = "hotpath.local-stack.postgres.jdbc-url";
  static final String POSTGRES_REACTIVE_URL = "hotpath.local-stack.postgres.reactive-url";
  static final String POSTGRES_USERNAME = "hotpath.local-stack.postgres.username";
  static final String POSTGRES_PASSWORD = "hotpath.local-stack.postgres.password";

  private SharedStack() {}

  /** Starts what is not running yet (Kafka always, PostgreSQL if asked) and returns the config. */
  static Map<String, String> config(boolean withPostgres) {
    synchronized (LOCK) {
      boolean needKafka = System.getProperty(KAFKA_BOOTSTRAP) == null;
      boolean needPostgres = withPostgres && System.getProperty(POSTGRES_JDBC_URL) == null;
      if (needKafka || needPostgres) {
        // Never closed here: LocalStack's shutdown hook stops it when the test JVM ends.
        LocalStack stack =
            LocalStack.builder().kafka(needKafka).postgres(needPostgres).build().start();
        if (needKafka) {
          System.setProperty(KAFKA_BOOTSTRAP, stack.bootstrapServers());
        }
        if (needPostgres) {
          System.setProperty(POSTGRES_JDBC_URL, stack.jdbcUrl());
          System.setProperty(POSTGRES_REACTIVE_URL, stack.reactiveUrl());
          System.setProperty(POSTGRES_USERNAME, stack.username());
          System.setProperty(POSTGRES_PASSWORD, stack.password());
        }
      }
      Map<String, String> config = new LinkedHashMap<>();
      config.put("kafka.bootstrap.servers", System.getProperty(KAFKA_BOOTSTRAP));
      config.put("quarkus.devservices.enabled", "false");
      config.put("quarkus.kafka.devservices.enabled", "false");
      if (withPostgres) {
        config.put("quarkus.datasource.reactive.url", System.getProperty(POSTGRES_REACTIVE_URL));
        config.put("quarkus.datasource.jdbc.url", System.getProperty(POSTGRES_JDBC_URL));
        config.put("quarkus.datasource.username", System.getProperty(POSTGRES_USERNAME));
        config.put("quarkus.datasource.password", System.getProperty(POSTGRES_PASSWORD));
        // Not quarkus.datasource.devservices.enabled: it is fixed at build time, before this runs
        // (Quarkus warns it "cannot be changed at runtime"); the global switch above and the
        // module's META-INF/microprofile-config.properties already keep Dev Services off.
      }
      return config;
    }
  }
}
