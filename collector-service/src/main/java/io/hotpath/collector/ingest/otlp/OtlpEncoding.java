package io.hotpath.collector.ingest.otlp;

import java.util.Locale;
import java.util.Optional;

/** The two OTLP/HTTP body encodings; the answer always uses the request's. */
public enum OtlpEncoding {
  PROTOBUF("application/x-protobuf"),
  JSON("application/json");

  private final String mediaType;

  OtlpEncoding(String mediaType) {
    this.mediaType = mediaType;
  }

  public String mediaType() {
    return mediaType;
  }

  /** The encoding a {@code Content-Type} names, parameters such as {@code charset} ignored. */
  public static Optional<OtlpEncoding> ofContentType(String contentType) {
    if (contentType == null) {
      return Optional.empty();
    }
    String type = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    for (OtlpEncoding encoding : values()) {
      if (encoding.mediaType.equals(type)) {
        return Optional.of(encoding);
      }
    }
    return Optional.empty();
  }
}
