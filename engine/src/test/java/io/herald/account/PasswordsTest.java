package io.herald.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

/** Argon2id hashing: the stored form names its parameters, and only the right password matches. */
class PasswordsTest {
  final Passwords passwords = new Passwords(Passwords.Parameters.OWASP, new SecureRandom());

  @Test
  void a_hash_is_argon2id_in_phc_form_with_the_owasp_parameters_and_a_fresh_salt() {
    String hash = passwords.hash("correct horse battery");
    assertThat(hash)
        .matches("\\$argon2id\\$v=19\\$m=19456,t=2,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
    assertThat(passwords.hash("correct horse battery")).isNotEqualTo(hash);
  }

  @Test
  void only_the_right_password_matches() {
    String hash = passwords.hash("correct horse battery");
    assertThat(passwords.matches("correct horse battery", hash)).isTrue();
    assertThat(passwords.matches("correct horse batterY", hash)).isFalse();
    assertThat(passwords.matches("", hash)).isFalse();
    assertThat(passwords.matches("correct horse battery", "not a hash")).isFalse();
  }

  @Test
  void hashes_made_with_other_parameters_still_verify() {
    String cheap =
        new Passwords(new Passwords.Parameters(1024, 1, 1), new SecureRandom())
            .hash("пароль для тесту");
    assertThat(cheap).contains("m=1024,t=1,p=1");
    assertThat(passwords.matches("пароль для тесту", cheap)).isTrue();
  }

  @Test
  void a_password_is_10_to_256_characters() {
    assertThat(Passwords.weakness("123456789")).contains("too_short");
    assertThat(Passwords.weakness("1234567890")).isEmpty();
    assertThat(Passwords.weakness("й".repeat(256))).isEmpty();
    assertThat(Passwords.weakness("x".repeat(257))).contains("too_long");
  }
}
