package io.jparallel.session;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * Rich display for user code, imported into every session ({@code display(obj)},
 * {@code display(content, mimeType)}: shown in the output of the session the calling code
 * belongs to), and one session's renderers that turn values into {@link Display}s
 * ({@link #register}); each session has its own.
 */
public final class Displays {
  private record Renderer(Class<?> type, Function<Object, Display> render) {}

  private final CopyOnWriteArrayList<Renderer> renderers = new CopyOnWriteArrayList<>();

  Displays() {}

  /** Shows a value in the current cell's output, rendered by the most specific renderer of its session. */
  public static void display(Object value) {
    SessionContext context = SessionContext.current();
    SessionOutput out = context == null ? null : context.output();
    Display d = context == null ? plain(value) : context.displays().render(value);
    if (out == null) {
      OutputRouter.ORIGINAL_OUT.println(d.text());
    } else {
      out.display(d);
    }
  }

  /** Shows content of a given MIME type ({@code text/html}, {@code image/svg+xml}, {@code text/markdown}...). */
  public static void display(String content, String mimeType) {
    display(new Display(mimeType.equals("text/plain") ? Map.of("text/plain", content)
        : Map.of("text/plain", "<" + mimeType + ">", mimeType, content)));
  }

  /** Adds a renderer for values of {@code type} (and its subtypes); later ones win. */
  public <T> void register(Class<T> type, Function<? super T, Display> renderer) {
    renderers.add(0, new Renderer(type, v -> renderer.apply(type.cast(v))));
  }

  /** The display of a value: itself if it is one, a registered renderer's, or its text. */
  public Display render(Object value) {
    if (value instanceof Display d) {
      return d;
    }
    return renderer(value).orElseGet(() -> plain(value));
  }

  Optional<Display> renderer(Object value) {
    if (value == null) {
      return Optional.empty();
    }
    for (Renderer r : renderers) {
      if (r.type().isInstance(value)) {
        return Optional.ofNullable(r.render().apply(value));
      }
    }
    return Optional.empty();
  }

  private static Display plain(Object value) {
    return value instanceof Display d ? d : Display.text(String.valueOf(value));
  }
}
