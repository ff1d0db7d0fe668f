package io.herald.campaign;

import java.util.Map;

/**
 * One recipient of a campaign's audience snapshot, numbered from 1. The snapshot is taken at start
 * (list members minus suppressed, filtered), so later list changes do not move a running campaign;
 * suppression is checked again at send time.
 */
public record Recipient(
    long number, String contactKey, String email, String name, Map<String, String> fields) {}
