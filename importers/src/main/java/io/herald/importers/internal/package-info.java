/**
 * Implementation of the importers: format readers, encoding and delimiter detection, header
 * mapping, limits. Not an API; only {@code io.herald.importers} is.
 */
package io.herald.importers.internal;
