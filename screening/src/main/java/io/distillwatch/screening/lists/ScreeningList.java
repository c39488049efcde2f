package io.distillwatch.screening.lists;

import java.util.List;

/**
 * One loaded list file: its entries, its receipt and the rows that could not be used.
 *
 * @param format "csl" (US Consolidated Screening List CSV) or "un" (UN Security Council XML)
 */
public record ScreeningList(
    String format, Receipt receipt, List<ListEntry> entries, List<LoadProblem> problems) {}
