package io.distillwatch.screening.lists;

/**
 * Provenance of a screening decision (DESIGN §6 {@code receipt}).
 *
 * @param file the list file's name (no directory)
 * @param sha256 lower-case hex SHA-256 of the file's bytes as stored (compressed if .gz)
 * @param listDate the list's date, ISO yyyy-MM-dd: from the file when it states one (UN
 *     {@code dateGenerated}), else the {@code --list-date} option, else the file's modification
 *     time (UTC); null only for a policy file
 */
@com.fasterxml.jackson.annotation.JsonPropertyOrder({"file", "sha256", "list_date"})
public record Receipt(
    String file,
    String sha256,
    @com.fasterxml.jackson.annotation.JsonProperty("list_date") String listDate) {}
