package io.distillwatch.node.screening;

/** A small Consolidated Screening List file for the live-screening tests. */
final class LiveScreeningITFixtures {
  static final String HEADER = "_id,source,entity_number,type,programs,name,title,addresses,"
      + "federal_register_notice,start_date,end_date,standard_order,license_requirement,license_policy,"
      + "call_sign,vessel_type,gross_tonnage,gross_registered_tonnage,vessel_flag,vessel_owner,remarks,"
      + "source_list_url,alt_names,citizenships,dates_of_birth,nationalities,places_of_birth,"
      + "source_information_url,ids\n";
  static final String GLBC = "10118,Specially Designated Nationals (SDN) - Treasury Department,"
      + "10118,Entity,DRCONGO,GREAT LAKES BUSINESS COMPANY,,\"PO Box 315, Goma, CD\",,,,,,,,,,,,,,,GLBC,,,,,,\n";
  static final String NORTHWIND = "20002,Entity List (EL) - Bureau of Industry and Security,"
      + "20002,Entity,,Northwind Quantum Robotics Ltd.,,\"Moscow, RU\",,,,,,,,,,,,,,,,,,,,,\n";
  static final String CSL = HEADER + GLBC;

  private LiveScreeningITFixtures() {}

  /** Waits for an external condition (polling), failing after {@code seconds}. */
  static void await(java.util.function.BooleanSupplier condition, int seconds) throws Exception {
    java.time.Instant deadline = java.time.Instant.now().plusSeconds(seconds);
    while (!condition.getAsBoolean()) {
      if (java.time.Instant.now().isAfter(deadline)) {
        throw new AssertionError("condition not reached in " + seconds + " s");
      }
      Thread.sleep(50); // polling an external condition
    }
  }
}
