package io.hotpath.collector.messaging;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.util.Native;
import org.jboss.logging.Logger;

/**
 * Gives the Kafka producers lz4-java's JNI compressor. lz4-java picks JNI by itself only when the
 * system class loader loaded it, which under Quarkus' class loader it is not, so every batch was
 * compressed by the pure-Java (safe) compressor: about a tenth of the collector's CPU. Once the
 * native library is loaded, {@link LZ4Factory#fastestInstance()} (which Kafka asks for each batch)
 * answers the JNI one. Without a library for this platform the producers keep the Java one.
 */
@ApplicationScoped
public class NativeLz4 {
  private static final Logger LOG = Logger.getLogger(NativeLz4.class);

  void load(@Observes StartupEvent start) {
    LOG.debugf("lz4 compressor: %s", implementation());
  }

  /** Loads the native library if it can; the name of the implementation Kafka will use. */
  static String implementation() {
    try {
      Native.load();
    } catch (Throwable e) {
      // No library for this OS or architecture, or it cannot be written to the temp directory.
      LOG.infof("lz4 compresses in Java: the native library did not load (%s)", e.toString());
    }
    return LZ4Factory.fastestInstance().toString();
  }
}
