package dev.beliefs.json;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderProvider;
import org.apache.beam.sdk.coders.CustomCoder;
import org.apache.beam.sdk.values.TypeDescriptor;

/**
 * Encodes an immutable value type (a record) as its JSON bytes. Deterministic because {@link Json}
 * writes fields in declaration order and map entries sorted by key; the project's value types hold
 * only lists, sorted maps and scalars.
 *
 * <p>Value types name it with {@code @DefaultCoder(JsonCoder.class)}.
 */
public final class JsonCoder<T> extends CustomCoder<T> {

  private static final Coder<byte[]> BYTES = ByteArrayCoder.of();

  private final Class<T> type;

  private JsonCoder(Class<T> type) {
    this.type = type;
  }

  public static <T> JsonCoder<T> of(Class<T> type) {
    return new JsonCoder<>(type);
  }

  /** Used by Beam's {@code @DefaultCoder} annotation, which asks only for the annotated type. */
  public static CoderProvider getCoderProvider() {
    return new CoderProvider() {
      @Override
      public <T> Coder<T> coderFor(
          TypeDescriptor<T> type, List<? extends Coder<?>> componentCoders) {
        @SuppressWarnings("unchecked")
        Class<T> raw = (Class<T>) type.getRawType();
        return of(raw);
      }
    };
  }

  @Override
  public void encode(T value, OutputStream out) throws IOException {
    BYTES.encode(Json.MAPPER.writeValueAsBytes(value), out);
  }

  @Override
  public T decode(InputStream in) throws IOException {
    return Json.MAPPER.readValue(BYTES.decode(in), type);
  }

  @Override
  public void verifyDeterministic() {}

  @Override
  public List<? extends Coder<?>> getCoderArguments() {
    return List.of();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof JsonCoder<?> coder && coder.type.equals(type);
  }

  @Override
  public int hashCode() {
    return type.hashCode();
  }

  @Override
  public String toString() {
    return "JsonCoder(" + type.getSimpleName() + ")";
  }
}
