package io.hotpath.collector.rest;

import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The answer to an accepted event: its id, now durable in Kafka. */
@Schema(name = "Accepted")
public record Accepted(@Schema(example = "0f8fad5b-d9cb-469f-a165-70867728950e") UUID eventId) {}
