package io.herald.web;

import io.javalin.http.Context;

/** Reads a JSON request body, turning every kind of malformed input into a 400 with a reason. */
final class JsonBodies {
  private JsonBodies() {}

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
      throw Problem.badRequest("malformed JSON: " + firstLine(e));
    }
  }

  private static String firstLine(Throwable e) {
    Throwable cause = e;
    while (cause.getCause() != null) {
      cause = cause.getCause();
    }
    String message =
        cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
