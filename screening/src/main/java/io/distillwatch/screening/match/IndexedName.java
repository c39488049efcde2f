package io.distillwatch.screening.match;

import io.distillwatch.screening.text.NormalizedName;

/**
 * One name of one list entry as indexed.
 *
 * @param entry index of the entry in {@link NameIndex#entry(int)}
 * @param name the name as the list writes it
 * @param normalized its normalised form
 * @param primary whether it is the entry's primary name
 * @param weak whether the list marks it as low quality (outcome at most review)
 */
public record IndexedName(
    int entry, String name, NormalizedName normalized, boolean primary, boolean weak) {}
