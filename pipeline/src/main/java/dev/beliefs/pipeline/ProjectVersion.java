package dev.beliefs.pipeline;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import org.apache.beam.sdk.util.ReleaseInfo;
import org.apache.flink.runtime.util.EnvironmentInformation;

/**
 * The project's version and the commit it was built from, as Maven wrote them into {@code
 * version.properties} at build time, and the versions of Beam and Flink in the jar.
 */
public final class ProjectVersion {

  private static final Properties BUILD = load();

  private ProjectVersion() {}

  public static String get() {
    return build("version");
  }

  /** The abbreviated commit, or {@code unknown} when the jar was not built from a git checkout. */
  public static String commit() {
    return build("commit");
  }

  /** What {@code ./beliefs --version} prints. */
  public static String line() {
    String flink = EnvironmentInformation.getVersion();
    return String.format(
        "beliefs %s (commit %s), Apache Beam %s, Apache Flink %s, Java %s",
        get(),
        commit(),
        ReleaseInfo.getReleaseInfo().getVersion(),
        flink == null || flink.startsWith("<") ? build("flink") : flink,
        System.getProperty("java.version"));
  }

  private static String build(String key) {
    String value = BUILD.getProperty(key, "unknown");
    // A property Maven could not fill stays as written, ${...}.
    return value.isBlank() || value.startsWith("${") ? "unknown" : value;
  }

  private static Properties load() {
    Properties properties = new Properties();
    try (InputStream in = ProjectVersion.class.getResourceAsStream("version.properties")) {
      if (in != null) {
        properties.load(in);
      }
    } catch (IOException e) {
      // Every value reads as unknown.
    }
    return properties;
  }
}
