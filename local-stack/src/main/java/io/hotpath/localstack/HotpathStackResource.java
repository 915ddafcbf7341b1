package io.hotpath.localstack;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Gives a {@code @QuarkusTest} a real Kafka broker and, with init arg {@code postgres=true}, a real
 * PostgreSQL, with Dev Services off:
 *
 * <pre>{@code
 * @QuarkusTestResource(value = HotpathStackResource.class, restrictToAnnotatedClass = false)
 * // or, for a service that needs PostgreSQL:
 * @QuarkusTestResource(
 *     value = HotpathStackResource.class,
 *     restrictToAnnotatedClass = false,
 *     initArgs = @ResourceArg(name = "postgres", value = "true"))
 * }</pre>
 *
 * <p>The servers are shared by the whole test JVM: started by the first test class that needs them,
 * kept for the next ones (even across Quarkus restarts and class loaders), stopped by the JVM
 * shutdown hook of {@link LocalStack}. {@link #stop()} therefore stops nothing.
 */
public class HotpathStackResource implements QuarkusTestResourceLifecycleManager {

  /** Init arg: "true" adds PostgreSQL and the datasource config; default "false". */
  public static final String POSTGRES = "postgres";

  private boolean postgres;

  @Override
  public void init(Map<String, String> initArgs) {
    postgres = Boolean.parseBoolean(initArgs.getOrDefault(POSTGRES, "false").trim());
  }

  @Override
  public Map<String, String> start() {
    return SharedStack.config(postgres);
  }

  @Override
  public void stop() {
    // Kept for later test classes; the JVM shutdown hook stops it.
  }
}
