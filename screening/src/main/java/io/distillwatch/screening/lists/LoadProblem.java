package io.distillwatch.screening.lists;

/**
 * A row or record of a list file that could not be used; loading continues without it.
 *
 * @param file the list file's name
 * @param line physical line (CSV, from 1) or line where the XML record starts
 * @param reason stable code: {@code wrong_field_count}, {@code missing_name}, {@code
 *     unterminated_quote}, {@code invalid_xml}
 * @param detail what was wrong, for a person
 */
public record LoadProblem(String file, long line, String reason, String detail) {}
