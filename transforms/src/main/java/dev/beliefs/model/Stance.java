package dev.beliefs.model;

import java.util.List;

/** The stance vocabulary shared by the prompt, the response schema and the offline extractor. */
public final class Stance {

  public static final String AFFIRMS = "affirms";
  public static final String DENIES = "denies";
  public static final String UNSURE = "unsure";

  public static final List<String> ALL = List.of(AFFIRMS, DENIES, UNSURE);

  private Stance() {}
}
