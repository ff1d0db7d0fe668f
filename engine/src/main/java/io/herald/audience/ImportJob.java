package io.herald.audience;

import java.time.Instant;

/**
 * One import of one file into one list, as any node can see it: identity, file, status and counts
 * so far. {@code updatedAt} moves while the import is making progress. {@code sheet} names the
 * worksheet a workbook was read from (not always its first), "" for text files and until known.
 */
public record ImportJob(
    String id,
    String listName,
    String fileName,
    String format,
    String encoding,
    String sheet,
    ImportStatus status,
    ImportCounts counts,
    Instant createdAt,
    Instant updatedAt) {}
