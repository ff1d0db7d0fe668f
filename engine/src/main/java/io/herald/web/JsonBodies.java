package io.herald.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.javalin.http.Context;
import java.util.Collection;
import java.util.stream.Collectors;

/**
 * Reads a JSON request body strictly, turning every kind of malformed input into a 400 that names
 * the field: exactly one document (nothing after it), no key twice, no unknown keys, and no
 * conversion of a number or a boolean into a string (or back), nor of a fraction into a whole
 * number — a client that sends the wrong type has a bug it should hear about, not a value it did
 * not mean.
 */
final class JsonBodies {
  private JsonBodies() {}

  /** A copy of {@code mapper} that reads as strictly as this class promises (writing unchanged). */
  static ObjectMapper strict(ObjectMapper mapper) {
    ObjectMapper strict =
        mapper
            .copy()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
    strict.configure(MapperFeature.ALLOW_COERCION_OF_SCALARS, false);
    strict
        .coercionConfigFor(LogicalType.Textual)
        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
    return strict;
  }

  static <T> T read(Context ctx, Class<T> type) {
    String body = ctx.body();
    if (body.isBlank()) {
      throw Problem.badRequest("a JSON body is required");
    }
    try {
      T value = ctx.jsonMapper().fromJsonString(body, type);
      if (value == null) {
        throw Problem.badRequest("a JSON object is required");
      }
      return value;
    } catch (Problem e) {
      throw e;
    } catch (Exception e) { // Javalin rethrows Jackson's checked exceptions unchecked
      throw Problem.badRequest(describe(e));
    }
  }

  private static String describe(Exception e) {
    Throwable cause = e;
    while (!(cause instanceof JsonProcessingException) && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return switch (cause) {
      case UnrecognizedPropertyException u -> "unknown field \"" + u.getPropertyName() + "\"";
      case MismatchedInputException m when m.getMessage().startsWith("Trailing token") ->
          "malformed JSON: there is data after the JSON document";
      case MismatchedInputException m when !m.getPath().isEmpty() ->
          "field " + field(m) + " must be " + expected(m.getTargetType());
      case JsonProcessingException j when j.getOriginalMessage().startsWith("Duplicate field") ->
          "malformed JSON: "
              + j.getOriginalMessage()
                  .replaceFirst("Duplicate field '(.*)'", "field \"$1\" is given twice");
      case JsonProcessingException j -> "malformed JSON: " + firstLine(j.getOriginalMessage());
      default -> "malformed JSON: " + firstLine(cause.getMessage());
    };
  }

  /** The field's path, as {@code "to[1]"} or {@code "data.name"}. */
  private static String field(JsonMappingException e) {
    return e.getPath().stream()
        .map(r -> r.getFieldName() != null ? "." + r.getFieldName() : "[" + r.getIndex() + "]")
        .collect(Collectors.joining("", "\"", "\""))
        .replaceFirst("^\"\\.", "\"");
  }

  private static String expected(Class<?> type) {
    if (type == null) {
      return "of another type";
    }
    if (CharSequence.class.isAssignableFrom(type)) {
      return "a string";
    }
    if (type == Long.class || type == Integer.class || type == long.class || type == int.class) {
      return "a whole number";
    }
    if (Number.class.isAssignableFrom(type) || (type.isPrimitive() && type != boolean.class)) {
      return "a number";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "true or false";
    }
    if (Collection.class.isAssignableFrom(type) || type.isArray()) {
      return "an array";
    }
    return "an object";
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unreadable";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
