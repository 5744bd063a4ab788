package dev.beliefs.pipeline.cli;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.Hidden;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.options.Validation;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * One {@code --name=value} option as a {@link PipelineOptions} interface declares it: its type,
 * {@link Description}, {@link Default} and whether it is {@link Validation.Required}.
 *
 * @param defaultValue the {@code @Default.*} value as text, or null when there is none
 */
public record OptionSpec(
    String name,
    Class<?> type,
    String description,
    @Nullable String defaultValue,
    boolean required,
    boolean hidden) {

  /** The options {@code iface} itself declares, by name. */
  public static Map<String, OptionSpec> declaredBy(Class<? extends PipelineOptions> iface) {
    return specs(List.of(iface.getDeclaredMethods()), new LinkedHashMap<>());
  }

  /**
   * Every option Beam accepts once {@code ifaces} are registered: theirs, and those of every
   * options interface on the classpath (runners, file systems).
   */
  @SafeVarargs
  public static Map<String, OptionSpec> known(Class<? extends PipelineOptions>... ifaces) {
    List<Method> methods = new ArrayList<>();
    List<Class<? extends PipelineOptions>> all =
        new ArrayList<>(PipelineOptionsFactory.getRegisteredOptions());
    all.addAll(List.of(ifaces));
    for (Class<? extends PipelineOptions> iface : all) {
      methods.addAll(List.of(iface.getMethods()));
    }
    return specs(methods, new TreeMap<>());
  }

  private static Map<String, OptionSpec> specs(
      Collection<Method> methods, Map<String, OptionSpec> specs) {
    for (Method method : methods) {
      String name = propertyName(method);
      if (name == null || specs.containsKey(name) && specs.get(name).description().length() > 0) {
        continue;
      }
      Description description = method.getAnnotation(Description.class);
      specs.put(
          name,
          new OptionSpec(
              name,
              method.getReturnType(),
              description == null ? "" : description.value(),
              defaultValue(method),
              method.isAnnotationPresent(Validation.Required.class),
              method.isAnnotationPresent(Hidden.class)));
    }
    return specs;
  }

  private static @Nullable String propertyName(Method method) {
    if (method.getParameterCount() != 0 || method.isDefault() || method.isSynthetic()) {
      return null;
    }
    String name = method.getName();
    int prefix =
        name.startsWith("get") && name.length() > 3
            ? 3
            : name.startsWith("is") && name.length() > 2 ? 2 : 0;
    if (prefix == 0 || name.equals("getClass")) {
      return null;
    }
    return Character.toLowerCase(name.charAt(prefix)) + name.substring(prefix + 1);
  }

  /** The value of whichever {@code @Default.*} annotation the getter has. */
  private static @Nullable String defaultValue(Method method) {
    for (Annotation annotation : method.getAnnotations()) {
      if (annotation.annotationType().getEnclosingClass() == Default.class) {
        try {
          Object value = annotation.annotationType().getMethod("value").invoke(annotation);
          return value instanceof Class<?> type ? type.getSimpleName() : String.valueOf(value);
        } catch (ReflectiveOperationException e) {
          return null;
        }
      }
    }
    return null;
  }

  /** Whether the option may be given more than once (Beam reads a list from repeats). */
  boolean isList() {
    return type.isArray() || List.class.isAssignableFrom(type);
  }

  boolean isBoolean() {
    return type == boolean.class || type == Boolean.class;
  }

  /** What a value looks like, in a help line and an error: {@code N}, {@code X}, {@code TEXT}. */
  String metavar() {
    if (isBoolean()) {
      return "true|false";
    }
    if (type == int.class
        || type == Integer.class
        || type == long.class
        || type == Long.class
        || type == short.class
        || type == Short.class) {
      return "N";
    }
    if (type == double.class
        || type == Double.class
        || type == float.class
        || type == Float.class) {
      return "X";
    }
    if (type.isEnum()) {
      return String.join("|", enumNames());
    }
    return "TEXT";
  }

  List<String> enumNames() {
    List<String> names = new ArrayList<>();
    for (Object constant : type.getEnumConstants()) {
      names.add(((Enum<?>) constant).name());
    }
    return names;
  }
}
