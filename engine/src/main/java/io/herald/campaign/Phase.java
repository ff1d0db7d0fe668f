package io.herald.campaign;

/**
 * Which part of a campaign's audience a message belongs to. Statistics are kept per phase (R11).
 * {@link #ALL} is a campaign sent without a canary; {@link #CANARY} and {@link #REST} are the two
 * parts of a canary release (R6): the sample first, the rest only once it is released.
 */
public enum Phase {
  ALL,
  CANARY,
  REST
}
