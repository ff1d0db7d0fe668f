package io.herald.campaign;

import java.util.Map;

/**
 * One recipient (email and E.164 phone, {@code ""} when absent) of a campaign's audience snapshot,
 * numbered from 1. The snapshot is taken at start (list members minus suppressed, filtered), so
 * later list changes do not move a running campaign; suppression is checked again at send time.
 */
public record Recipient(
    long number,
    String contactKey,
    String email,
    String phone,
    String name,
    Map<String, String> fields) {

  /** Where this recipient's message goes on {@code channel}: the email address or the phone. */
  public String address(Channel channel) {
    return switch (channel) {
      case EMAIL -> email;
      case SMS, VIBER -> phone;
    };
  }
}
