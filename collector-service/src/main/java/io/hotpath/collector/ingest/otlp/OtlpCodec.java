package io.hotpath.collector.ingest.otlp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import io.hotpath.collector.ingest.InvalidRequestException;
import io.hotpath.collector.ingest.Violation;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads OTLP/HTTP request bodies and writes the answers, in binary protobuf or in OTLP's JSON
 * mapping. OTLP JSON differs from the standard protobuf JSON mapping in one way that matters here:
 * {@code traceId}, {@code spanId} and {@code parentSpanId} are hex, not base64, so they are
 * rewritten before {@link JsonFormat} parses the rest.
 */
public final class OtlpCodec {
  /** The fields OTLP JSON writes in hex (in spans, links, exemplars and log records). */
  private static final Set<String> HEX_ID_FIELDS = Set.of("traceId", "spanId", "parentSpanId");

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final JsonFormat.Parser JSON_PARSER = JsonFormat.parser().ignoringUnknownFields();
  private static final JsonFormat.Printer JSON_PRINTER =
      JsonFormat.printer().omittingInsignificantWhitespace();

  private OtlpCodec() {}

  /** An {@code ExportTraceServiceRequest}; fails with {@link InvalidRequestException}. */
  public static ExportTraceServiceRequest traces(byte[] body, OtlpEncoding encoding) {
    return parse(
            body, encoding, ExportTraceServiceRequest.newBuilder(), "ExportTraceServiceRequest")
        .build();
  }

  /** An {@code ExportMetricsServiceRequest}; fails with {@link InvalidRequestException}. */
  public static ExportMetricsServiceRequest metrics(byte[] body, OtlpEncoding encoding) {
    return parse(
            body, encoding, ExportMetricsServiceRequest.newBuilder(), "ExportMetricsServiceRequest")
        .build();
  }

  /** {@code message} in {@code encoding}, as an OTLP/HTTP answer body. */
  public static byte[] write(Message message, OtlpEncoding encoding) {
    if (encoding == OtlpEncoding.PROTOBUF) {
      return message.toByteArray();
    }
    try {
      return JSON_PRINTER.print(message).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("an OTLP response always prints", e);
    }
  }

  /**
   * A {@code google.rpc.Status} (code 1, message 2), the body OTLP/HTTP requires for every 4xx and
   * 5xx. Written by hand: it is the only message of the googleapis protos the collector needs.
   */
  public static byte[] status(int grpcCode, String message, OtlpEncoding encoding) {
    if (encoding == OtlpEncoding.JSON) {
      try {
        return MAPPER.writeValueAsBytes(Map.of("code", grpcCode, "message", message));
      } catch (JsonProcessingException e) {
        throw new IllegalStateException(e);
      }
    }
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      CodedOutputStream out = CodedOutputStream.newInstance(bytes);
      out.writeInt32(1, grpcCode);
      out.writeString(2, message);
      out.flush();
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static <B extends Message.Builder> B parse(
      byte[] body, OtlpEncoding encoding, B builder, String type) {
    if (encoding == OtlpEncoding.PROTOBUF) {
      try {
        builder.mergeFrom(body);
        return builder;
      } catch (InvalidProtocolBufferException e) {
        throw invalid("", "body is not a protobuf " + type + ": " + e.getMessage(), e);
      }
    }
    JsonNode tree;
    try {
      tree = MAPPER.readTree(body);
    } catch (IOException e) {
      throw invalid("", "body is not valid JSON: " + firstLine(e.getMessage()), e);
    }
    if (tree == null || !tree.isObject()) {
      throw invalid("", "body is not a JSON object (an OTLP " + type + ")", null);
    }
    hexIdsToBase64(tree, "");
    try {
      JSON_PARSER.merge(tree.toString(), builder);
      return builder;
    } catch (InvalidProtocolBufferException e) {
      throw invalid("", "body is not an OTLP JSON " + type + ": " + e.getMessage(), e);
    }
  }

  /** Rewrites every hex id in place to the base64 the standard JSON mapping expects. */
  private static void hexIdsToBase64(JsonNode node, String pointer) {
    if (node instanceof ObjectNode object) {
      var fields = object.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        String at = pointer + "/" + field.getKey();
        JsonNode value = field.getValue();
        if (HEX_ID_FIELDS.contains(field.getKey()) && value.isTextual()) {
          field.setValue(new TextNode(base64OfHex(value.asText(), at)));
        } else {
          hexIdsToBase64(value, at);
        }
      }
    } else if (node instanceof ArrayNode array) {
      for (int i = 0; i < array.size(); i++) {
        hexIdsToBase64(array.get(i), pointer + "/" + i);
      }
    }
  }

  private static String base64OfHex(String hex, String pointer) {
    try {
      return Base64.getEncoder().encodeToString(HexFormat.of().parseHex(hex));
    } catch (IllegalArgumentException e) {
      throw invalid(pointer, "must be a hex string (OTLP JSON encodes ids in hex)", e);
    }
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }

  private static InvalidRequestException invalid(String pointer, String detail, Throwable cause) {
    return new InvalidRequestException(List.of(new Violation(pointer, detail)), cause);
  }
}
