package io.distillwatch.sharing.stix;

/**
 * MITRE ATLAS techniques DistillWatch reports (ATLAS 5.6.0; names checked against ATLAS.yaml at
 * build time in a test, never read at run time).
 */
public enum AtlasTechnique {
  EXTRACT_AI_MODEL("AML.T0024.002", "Extract AI Model"),
  AI_IP_THEFT("AML.T0048.004", "AI Intellectual Property Theft");

  private final String externalId;
  private final String displayName;

  AtlasTechnique(String externalId, String displayName) {
    this.externalId = externalId;
    this.displayName = displayName;
  }

  public String externalId() {
    return externalId;
  }

  public String displayName() {
    return displayName;
  }

  public String url() {
    return "https://atlas.mitre.org/techniques/" + externalId;
  }
}
