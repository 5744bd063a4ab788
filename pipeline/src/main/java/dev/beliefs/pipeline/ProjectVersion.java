package dev.beliefs.pipeline;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The project's version, as Maven wrote it into {@code version.properties} at build time. */
public final class ProjectVersion {

  private static final String VERSION = load();

  private ProjectVersion() {}

  public static String get() {
    return VERSION;
  }

  private static String load() {
    Properties properties = new Properties();
    try (InputStream in = ProjectVersion.class.getResourceAsStream("version.properties")) {
      if (in != null) {
        properties.load(in);
      }
    } catch (IOException e) {
      return "unknown";
    }
    return properties.getProperty("version", "unknown");
  }
}
