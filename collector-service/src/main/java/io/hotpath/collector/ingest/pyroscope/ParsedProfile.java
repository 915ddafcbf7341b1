package io.hotpath.collector.ingest.pyroscope;

import io.hotpath.contracts.telemetry.ProfileType;
import io.hotpath.contracts.telemetry.StackSample;
import java.util.List;

/** One profile read from an upload, before it gets the tenant, service and window of the upload. */
record ParsedProfile(
    ProfileType profileType,
    String sampleType,
    String unit,
    long periodNanos,
    List<StackSample> stacks) {}
