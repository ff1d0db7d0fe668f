/**
 * Herald's typed, immutable configuration: one YAML file plus {@code HERALD_*} environment
 * overrides, parsed once at start-up into records. Every key lives in one declarative schema
 * ({@code ConfigSchema}) with its type, default and documentation, so unknown keys and bad values
 * stop start-up with a message that names the key instead of surfacing later as a strange failure
 * deep in the engine.
 */
package io.herald.config;
