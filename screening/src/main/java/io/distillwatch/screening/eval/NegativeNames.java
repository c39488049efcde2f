package io.distillwatch.screening.eval;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Plausible organisation names that are not on the lists, to count false matches: a typed list of
 * well-known companies (Fortune-500 style, not on US or UN lists as of 2022) and names composed
 * from common business words with a seeded generator.
 */
public final class NegativeNames {
  /** Well-known companies, typed by hand. */
  public static final List<String> KNOWN =
      List.of(
          "Walmart Inc.", "Amazon.com, Inc.", "Apple Inc.", "CVS Health Corporation",
          "UnitedHealth Group Incorporated", "Exxon Mobil Corporation", "Berkshire Hathaway Inc.",
          "Alphabet Inc.", "McKesson Corporation", "AmerisourceBergen Corporation",
          "Costco Wholesale Corporation", "Cigna Group", "AT&T Inc.", "Microsoft Corporation",
          "Cardinal Health, Inc.", "Chevron Corporation", "The Home Depot, Inc.",
          "Walgreens Boots Alliance", "Marathon Petroleum Corporation", "Elevance Health",
          "Kroger Co.", "Ford Motor Company", "Verizon Communications Inc.",
          "JPMorgan Chase & Co.", "General Motors Company", "Centene Corporation",
          "Meta Platforms, Inc.", "Comcast Corporation", "Phillips 66", "Valero Energy",
          "Dell Technologies Inc.", "Target Corporation", "Fannie Mae", "United Parcel Service",
          "Lowe's Companies", "Bank of America Corporation", "Johnson & Johnson",
          "Archer-Daniels-Midland Company", "FedEx Corporation", "Humana Inc.",
          "Wells Fargo & Company", "State Farm Insurance", "Pfizer Inc.", "Citigroup Inc.",
          "PepsiCo, Inc.", "Intel Corporation", "Procter & Gamble Company", "General Electric",
          "IBM", "MetLife, Inc.", "Prudential Financial", "Albertsons Companies",
          "Walt Disney Company", "Energy Transfer LP", "Lockheed Martin Corporation",
          "Freddie Mac", "Goldman Sachs Group", "Raytheon Technologies", "HP Inc.",
          "Boeing Company", "Morgan Stanley", "HCA Healthcare", "AbbVie Inc.", "Dow Inc.",
          "Tesla, Inc.", "Allstate Corporation", "American International Group", "Best Buy Co.",
          "Charter Communications", "Sysco Corporation", "Merck & Co.", "New York Life Insurance",
          "Caterpillar Inc.", "Cisco Systems, Inc.", "TJX Companies", "Publix Super Markets",
          "ConocoPhillips", "Liberty Mutual Insurance Group", "Progressive Corporation",
          "Nationwide Mutual Insurance", "Tyson Foods, Inc.", "Bristol-Myers Squibb",
          "Nike, Inc.", "Deere & Company", "American Express Company", "Abbott Laboratories",
          "StoneX Group Inc.", "Plains GP Holdings", "Enterprise Products Partners",
          "TIAA", "Oracle Corporation", "Thermo Fisher Scientific", "Coca-Cola Company",
          "General Dynamics", "CHS Inc.", "USAA", "Northwestern Mutual", "Nucor Corporation",
          "Exelon Corporation", "Massachusetts Mutual Life Insurance", "Siemens AG",
          "Volkswagen AG", "Bosch GmbH", "SAP SE", "BASF SE", "Allianz SE", "Nestle S.A.",
          "Novartis AG", "Roche Holding AG", "Unilever PLC", "BP p.l.c.", "Shell plc",
          "HSBC Holdings plc", "Barclays PLC", "Toyota Motor Corporation", "Sony Group Corporation",
          "Honda Motor Co., Ltd.", "Hitachi, Ltd.", "Panasonic Holdings", "Samsung Electronics",
          "LG Electronics", "Hyundai Motor Company", "Tata Consultancy Services",
          "Infosys Limited", "Wipro Limited", "Reliance Industries Limited", "Accenture plc",
          "Capgemini SE", "Atos SE", "Ericsson AB", "Nokia Oyj", "Spotify Technology S.A.",
          "Shopify Inc.", "Atlassian Corporation", "Canva Pty Ltd", "Grab Holdings",
          "Sea Limited", "Rakuten Group", "Mercado Libre", "Nubank", "Stripe, Inc.",
          "Databricks, Inc.", "Snowflake Inc.", "Salesforce, Inc.", "Adobe Inc.",
          "ServiceNow, Inc.", "Workday, Inc.", "Zoom Video Communications", "Airbnb, Inc.",
          "Uber Technologies", "DoorDash, Inc.", "Pinterest, Inc.", "Dropbox, Inc.",
          "Cloudflare, Inc.", "Twilio Inc.", "Okta, Inc.", "Palo Alto Networks",
          "CrowdStrike Holdings", "Fortinet, Inc.", "Akamai Technologies", "NVIDIA Corporation",
          "Advanced Micro Devices", "Qualcomm Incorporated", "Broadcom Inc.", "Texas Instruments",
          "Micron Technology", "Applied Materials", "Lam Research", "KLA Corporation",
          "ASML Holding N.V.", "Infineon Technologies AG", "STMicroelectronics N.V.",
          "NXP Semiconductors N.V.", "Arm Holdings plc", "Hugging Face, Inc.", "Cohere Inc.",
          "Mistral AI", "Aleph Alpha GmbH", "Scale AI, Inc.", "Weights & Biases",
          "University of Cambridge", "Massachusetts Institute of Technology",
          "Stanford University", "ETH Zurich", "University of Toronto",
          "National University of Singapore", "University of Melbourne", "Sorbonne Universite");

  private static final String[] FIRST = {
    "Northwind", "Bluebird", "Silverline", "Greenfield", "Redwood", "Blackstone", "Brightpath",
    "Clearwater", "Summit", "Pioneer", "Horizon", "Evergreen", "Keystone", "Lakeside", "Riverbend",
    "Sunrise", "Harbor", "Granite", "Maple", "Cedar", "Falcon", "Orion", "Atlas", "Vertex",
    "Nimbus", "Quantum", "Apex", "Crescent", "Meridian", "Sterling", "Beacon", "Cobalt", "Juniper",
    "Aurora", "Polaris", "Zenith", "Cascade", "Trident", "Sapphire", "Willow", "Oakridge",
    "Westbrook", "Eastgate", "Southport", "Norfolk", "Lincoln", "Franklin", "Hamilton", "Madison",
    "Jefferson", "Avalon", "Bayview", "Hillcrest", "Stonebridge", "Fairview", "Ironwood"
  };
  private static final String[] MIDDLE = {
    "Data", "Analytics", "Software", "Systems", "Labs", "Digital", "Cloud", "Networks", "Robotics",
    "Health", "Capital", "Logistics", "Media", "Learning", "Research", "Consulting", "Ventures",
    "Energy", "Foods", "Retail", "Security", "Design", "Engineering", "Insights", "Partners",
    "Solutions", "Technologies", "Studios", "Education", "Biotech", "Finance", "Trading"
  };
  private static final String[] LAST = {
    "", "", "Group", "Holdings", "International", "Global", "Services", "Works", "Collective"
  };
  private static final String[] SUFFIX = {
    "Inc.", "LLC", "Ltd.", "Co., Ltd.", "GmbH", "S.A.", "Pty Ltd", "B.V.", "", "Corp."
  };

  private NegativeNames() {}

  /** {@code count} distinct generated names from a seeded generator. */
  public static List<String> generated(long seed, int count) {
    Random r = new Random(seed);
    Set<String> out = new LinkedHashSet<>();
    int guard = count * 20;
    while (out.size() < count && guard-- > 0) {
      StringBuilder b = new StringBuilder(FIRST[r.nextInt(FIRST.length)]);
      b.append(' ').append(MIDDLE[r.nextInt(MIDDLE.length)]);
      String last = LAST[r.nextInt(LAST.length)];
      if (!last.isEmpty()) {
        b.append(' ').append(last);
      }
      String suffix = SUFFIX[r.nextInt(SUFFIX.length)];
      if (!suffix.isEmpty()) {
        b.append(' ').append(suffix);
      }
      out.add(b.toString());
    }
    return new ArrayList<>(out);
  }
}
