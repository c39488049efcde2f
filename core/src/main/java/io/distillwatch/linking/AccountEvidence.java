package io.distillwatch.linking;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What one account shares with others: evidence keys ({@code kind|value}) and a readable example of
 * each. A Flink POJO.
 */
public class AccountEvidence {
  public String account;
  public List<String> keys = new ArrayList<>();
  public List<String> examples = new ArrayList<>();

  public AccountEvidence() {}

  public AccountEvidence(String account, Map<String, String> keyToExample) {
    this.account = account;
    keyToExample.forEach(
        (k, v) -> {
          keys.add(k);
          examples.add(v);
        });
  }
}
