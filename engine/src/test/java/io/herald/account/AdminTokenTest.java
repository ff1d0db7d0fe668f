package io.herald.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdminTokenTest {
  @TempDir Path data;

  @Test
  void aGeneratedTokenIsWrittenOwnerOnlyAndKeptAcrossStarts() throws Exception {
    AdminToken first = AdminToken.load(Optional.empty(), data, new SecureRandom());
    Path file = data.resolve("admin-token");
    String token = Files.readString(file).strip();

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(first.matches(token)).isTrue();
    assertThat(AdminToken.load(Optional.empty(), data, new SecureRandom()).matches(token)).isTrue();
    assertThat(first.matches(token + "x")).isFalse();
  }

  @Test
  void theEnvironmentTokenWinsAndNoFileIsWritten() throws Exception {
    AdminToken token = AdminToken.load(Optional.of("from-env"), data, new SecureRandom());

    assertThat(token.matches("from-env")).isTrue();
    assertThat(token.file()).isEmpty();
    assertThat(data.resolve("admin-token")).doesNotExist();
  }

  @Test
  void apiKeysAreStoredOnlyAsHashes() {
    String key = Secrets.generate("hk_", new SecureRandom());
    String hash = Secrets.hash(key);

    assertThat(hash).hasSize(64).doesNotContain(key.substring(3));
    assertThat(Secrets.matches(key, hash)).isTrue();
    assertThat(Secrets.matches(key + "x", hash)).isFalse();
  }
}
