package dev.beliefs.pipeline;

/** A bad option or setting, found before the pipeline starts. Its message is the one line shown. */
public class ConfigurationException extends Exception {

  public ConfigurationException(String message) {
    super(message);
  }
}
