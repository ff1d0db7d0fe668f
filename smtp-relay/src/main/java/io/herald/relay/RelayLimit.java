package io.herald.relay;

/**
 * A defence of the relay that refused or cut a client, as reported to a {@link RelayListener}: one
 * value per reason, so an application can count each apart.
 */
public enum RelayLimit {
  /** A connection refused at connect: its address holds {@code maxConnectionsPerIp}. */
  CONNECTIONS_PER_ADDRESS,
  /** A connection refused at connect: its network holds {@code maxConnectionsPerNetwork}. */
  CONNECTIONS_PER_NETWORK,
  /** A connection refused at connect: the total or the reserve for newcomers is used up. */
  CONNECTIONS_TOTAL,
  /** A connection cut for sending below {@code minDataRate}. */
  DATA_RATE,
  /** A connection cut at {@code maxSessionTime}. */
  SESSION_TIME,
  /** An AUTH refused without asking the backend: the address failed too often. */
  AUTH_FAILURES
}
