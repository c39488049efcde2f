package io.distillwatch.screening.lists;

import java.util.List;

/**
 * One entry of a screening list.
 *
 * @param list the list's name as published (e.g. "Entity List (EL) - Bureau of Industry and
 *     Security")
 * @param id the entry's id in that list (CSL entity number or record id; UN reference number)
 * @param type "entity", "individual", "vessel", "aircraft" or "" when the list does not say
 * @param name the primary name
 * @param aliases alternate names, with the list's own quality flag
 * @param countries ISO 3166 alpha-2 codes from addresses, nationalities and citizenships, in order
 *     of appearance, without duplicates (country names that cannot be mapped are kept as given)
 * @param websites host names from the entry's identifiers (lower case, without "www.")
 * @param crossIds ids of the same party in other lists' numbering ({@code ofac:10118}: OFAC's
 *     entity number, shared by the SDN files, the Treasury lists in the CSL and OpenSanctions'
 *     referents), so that a party listed several times is reported once with all its sources
 */
public record ListEntry(
    String list,
    String id,
    String type,
    String name,
    List<Alias> aliases,
    List<String> countries,
    List<String> websites,
    @com.fasterxml.jackson.annotation.JsonProperty("cross_ids") List<String> crossIds) {

  public ListEntry(String list, String id, String type, String name, List<Alias> aliases,
      List<String> countries, List<String> websites) {
    this(list, id, type, name, aliases, countries, websites, List.of());
  }

  /** The cross id of an OFAC entity number. */
  public static String ofacId(String entityNumber) {
    return "ofac:" + entityNumber.trim();
  }

  /**
   * An alternate name.
   *
   * @param name as published
   * @param weak true when the list marks it as low quality (UN "Low"): it can lead to review only
   */
  public record Alias(String name, boolean weak) {}

  /** The first country, or null. */
  public String country() {
    return countries.isEmpty() ? null : countries.get(0);
  }

  /** Primary name and aliases, primary first. */
  public List<String> allNames() {
    List<String> out = new java.util.ArrayList<>(aliases.size() + 1);
    out.add(name);
    for (Alias a : aliases) {
      out.add(a.name());
    }
    return out;
  }
}
