package io.herald.config;

import java.time.Duration;
import java.util.Objects;

/**
 * The SMTP relay's limits against clients that hold it or guess passwords (R13): how many
 * connections the relay, one network and the newcomers' reserve get, how slowly and how long a
 * client may talk, and how failed AUTHs are slowed and refused. See {@code docs/configuration.md}
 * for each key ({@code relay.*}).
 *
 * @param maxConnections most simultaneous connections in total
 * @param maxConnectionsPerNetwork most simultaneous connections from one IPv4 /24 or IPv6 /64
 * @param connectionReserve last connection slots kept for networks that hold none yet
 * @param minDataRate bytes per second a client must keep up while a command or message is under
 *     way; 0 turns the check off
 * @param dataRateInterval the interval over which {@code minDataRate} is measured
 * @param maxSessionTime longest connection, however busy
 * @param idleTimeout silence from the client between commands before it is closed
 * @param authFailureDelay delay of the reply to an address's first failed AUTH, doubling after
 * @param maxAuthFailures failed AUTHs of one address before AUTH is refused for a while
 * @param authFailureWindow how long after its last failure an address's failures are forgotten
 */
public record RelayAbuseLimits(
    int maxConnections,
    int maxConnectionsPerNetwork,
    int connectionReserve,
    int minDataRate,
    Duration dataRateInterval,
    Duration maxSessionTime,
    Duration idleTimeout,
    Duration authFailureDelay,
    int maxAuthFailures,
    Duration authFailureWindow) {

  public RelayAbuseLimits {
    Objects.requireNonNull(dataRateInterval, "dataRateInterval");
    Objects.requireNonNull(maxSessionTime, "maxSessionTime");
    Objects.requireNonNull(idleTimeout, "idleTimeout");
    Objects.requireNonNull(authFailureDelay, "authFailureDelay");
    Objects.requireNonNull(authFailureWindow, "authFailureWindow");
  }

  /** The same limits with room for {@code connections} from one network (the bench's loopback). */
  public RelayAbuseLimits withNetworkConnections(int connections) {
    int perNetwork = Math.max(maxConnectionsPerNetwork, connections);
    return new RelayAbuseLimits(
        Math.max(maxConnections, perNetwork + connectionReserve),
        perNetwork,
        connectionReserve,
        minDataRate,
        dataRateInterval,
        maxSessionTime,
        idleTimeout,
        authFailureDelay,
        maxAuthFailures,
        authFailureWindow);
  }
}
