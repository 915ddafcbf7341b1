package io.hotpath.collector.service;

/** Kafka did not acknowledge an event in time or refused it; the agent should retry later. */
public class PublishUnavailableException extends RuntimeException {
  public PublishUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
