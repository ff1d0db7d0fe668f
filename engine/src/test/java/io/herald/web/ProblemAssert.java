package io.herald.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

/** The shape every refused API request has: a status, problem+json, a detail naming why. */
final class ProblemAssert {
  private ProblemAssert() {}

  /** {@code response} is a {@code status} problem whose body contains each of {@code named}. */
  static void assertProblem(HttpResponse<String> response, int status, String... named) {
    // the body only when the status is wrong: a refused 10,000-character field is no message
    assertThat(response.statusCode())
        .as(() -> response.body().length() > 500 ? "(long body)" : response.body())
        .isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type").orElse(""))
        .startsWith("application/problem+json");
    assertThat(response.body()).doesNotContain("Exception").doesNotContain("\tat ");
    for (String name : named) {
      assertThat(response.body()).contains(name);
    }
  }
}
