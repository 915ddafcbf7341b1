package io.hotpath.localstack;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.LogRecord;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.helpers.NOPMDCAdapter;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * SLF4J to java.util.logging for the standalone run only: {@link LocalStackMain} names it in the
 * {@code slf4j.provider} system property.
 *
 * <p>Why not slf4j-jdk14: the jar's manifest puts {@code lib/} on the class path of whatever loads
 * the jar, including a service's test JVM in a reactor build, where a second ServiceLoader-found
 * SLF4J provider would compete with Quarkus' slf4j-jboss-logmanager. This one has no {@code
 * META-INF/services} entry, so nothing finds it unless asked to.
 */
public final class Slf4jToJul implements SLF4JServiceProvider {

  private final Map<String, JulLogger> loggers = new ConcurrentHashMap<>();
  private final ILoggerFactory loggerFactory =
      name -> loggers.computeIfAbsent(name, JulLogger::new);
  private final IMarkerFactory markerFactory = new BasicMarkerFactory();
  private final MDCAdapter mdcAdapter = new NOPMDCAdapter();

  @Override
  public ILoggerFactory getLoggerFactory() {
    return loggerFactory;
  }

  @Override
  public IMarkerFactory getMarkerFactory() {
    return markerFactory;
  }

  @Override
  public MDCAdapter getMDCAdapter() {
    return mdcAdapter;
  }

  @Override
  public String getRequestedApiVersion() {
    return "2.0.99";
  }

  @Override
  public void initialize() {}

  private static final class JulLogger extends LegacyAbstractLogger {
    private static final long serialVersionUID = 1L;
    private final transient java.util.logging.Logger jul;

    JulLogger(String name) {
      this.name = name;
      this.jul = java.util.logging.Logger.getLogger(name);
    }

    @Override
    public boolean isTraceEnabled() {
      return jul.isLoggable(java.util.logging.Level.FINEST);
    }

    @Override
    public boolean isDebugEnabled() {
      return jul.isLoggable(java.util.logging.Level.FINE);
    }

    @Override
    public boolean isInfoEnabled() {
      return jul.isLoggable(java.util.logging.Level.INFO);
    }

    @Override
    public boolean isWarnEnabled() {
      return jul.isLoggable(java.util.logging.Level.WARNING);
    }

    @Override
    public boolean isErrorEnabled() {
      return jul.isLoggable(java.util.logging.Level.SEVERE);
    }

    @Override
    protected String getFullyQualifiedCallerName() {
      return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(
        Level level, Marker marker, String pattern, Object[] arguments, Throwable throwable) {
      LogRecord record =
          new LogRecord(julLevel(level), MessageFormatter.basicArrayFormat(pattern, arguments));
      record.setLoggerName(name);
      record.setThrown(throwable);
      jul.log(record);
    }

    private static java.util.logging.Level julLevel(Level level) {
      return switch (level) {
        case ERROR -> java.util.logging.Level.SEVERE;
        case WARN -> java.util.logging.Level.WARNING;
        case INFO -> java.util.logging.Level.INFO;
        case DEBUG -> java.util.logging.Level.FINE;
        case TRACE -> java.util.logging.Level.FINEST;
      };
    }
  }
}
