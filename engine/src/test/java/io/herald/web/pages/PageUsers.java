package io.herald.web.pages;

import com.fasterxml.jackson.databind.JsonNode;
import io.herald.testing.TestNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Users for the pages' tests, added as an operator adds them: the admin API, then the link. */
final class PageUsers {
  static final String PASSWORD = "correct horse battery";

  private PageUsers() {}

  /** Adds a user through {@code POST /api/admin/users}; the answer's JSON. */
  static JsonNode add(TestNode node, String email, String role, String account) throws Exception {
    Map<String, String> body = new LinkedHashMap<>();
    body.put("email", email);
    body.put("role", role);
    if (account != null) {
      body.put("account", account);
    }
    HttpResponse<String> added =
        node.post(
            "/api/admin/users",
            TestNode.ADMIN_TOKEN,
            "application/json",
            com.fasterxml.jackson.databind.json.JsonMapper.builder()
                .build()
                .writeValueAsString(body)
                .getBytes(StandardCharsets.UTF_8));
    if (added.statusCode() != 201) {
      throw new IllegalStateException("adding a user failed: " + added.body());
    }
    return node.json(added);
  }

  /** Adds a user and sets its password through its link, as the person would. */
  static void ready(TestNode node, String email, String role, String account) throws Exception {
    String link = add(node, email, role, account).get("passwordLink").asText();
    HttpResponse<String> set = new WebClient(node).setPassword(link, PASSWORD);
    if (set.statusCode() != 303) {
      throw new IllegalStateException("setting the password failed: " + set.statusCode());
    }
  }

  /** The account id of the account with this API key. */
  static String accountOf(TestNode node, String apiKey) {
    return node.node().accounts().authenticate(apiKey).orElseThrow().id().value();
  }
}
