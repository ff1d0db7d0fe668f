package io.herald.channel.sms.smpp;

import static org.assertj.core.api.Assertions.assertThat;

import io.herald.channel.sms.SubmitOutcome;
import org.junit.jupiter.api.Test;

class SubmitStatusTest {

  @Test
  void throttling_and_queue_full_defer_and_slow_down() {
    assertThat(SubmitStatus.outcome(0x58))
        .isInstanceOfSatisfying(
            SubmitOutcome.Deferred.class, d -> assertThat(d.throttled()).isTrue());
    assertThat(SubmitStatus.outcome(0x14))
        .isInstanceOfSatisfying(
            SubmitOutcome.Deferred.class,
            d -> {
              assertThat(d.throttled()).isTrue();
              assertThat(d.reason()).contains("ESME_RMSGQFUL");
            });
  }

  @Test
  void a_bad_address_is_refused_for_good_with_its_status() {
    assertThat(SubmitStatus.outcome(0x0B))
        .isEqualTo(new SubmitOutcome.Refused(0x0B, "SMSC answered ESME_RINVDSTADR (0x0000000b)"));
    assertThat(SubmitStatus.outcome(0x0A)).isInstanceOf(SubmitOutcome.Refused.class);
    assertThat(SubmitStatus.outcome(0x104)).isInstanceOf(SubmitOutcome.Refused.class);
  }

  @Test
  void system_errors_and_statuses_no_table_knows_are_retried() {
    assertThat(SubmitStatus.outcome(0x08))
        .isInstanceOfSatisfying(
            SubmitOutcome.Deferred.class, d -> assertThat(d.throttled()).isFalse());
    assertThat(SubmitStatus.outcome(0x400))
        .isInstanceOfSatisfying(
            SubmitOutcome.Deferred.class,
            d -> assertThat(d.reason()).isEqualTo("SMSC answered unknown (0x00000400)"));
  }

  @Test
  void validity_is_written_as_smpp_relative_time() {
    assertThat(SmppConnection.relativeTime(java.time.Duration.ofHours(48)))
        .isEqualTo("000002000000000R");
    assertThat(SmppConnection.relativeTime(java.time.Duration.ofMinutes(90)))
        .isEqualTo("000000013000000R");
  }
}
