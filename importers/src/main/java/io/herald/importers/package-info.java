/**
 * Contact list intake (R2): {@link io.herald.importers.ContactFileReader} turns an uploaded TXT,
 * CSV, XLS or XLSX file into a stream of {@link io.herald.importers.RowResult}s — normalised
 * contacts or rejects with row number and reason — or refuses the whole file. A pure library: no
 * I/O beyond reading the given file, no static mutable state.
 */
package io.herald.importers;
