package io.jparallel.kernel;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.List;

/** Reading request fields with Jupyter's defaults, and small builders. */
final class Json {
  private Json() {}

  static String string(JsonObject o, String key, String dflt) {
    JsonElement e = o.get(key);
    return e != null && e.isJsonPrimitive() && e.getAsJsonPrimitive().isString() ? e.getAsString() : dflt;
  }

  static boolean bool(JsonObject o, String key, boolean dflt) {
    JsonElement e = o.get(key);
    return e != null && e.isJsonPrimitive() && e.getAsJsonPrimitive().isBoolean() ? e.getAsBoolean() : dflt;
  }

  static int integer(JsonObject o, String key, int dflt) {
    JsonElement e = o.get(key);
    if (e != null && e.isJsonPrimitive() && e.getAsJsonPrimitive().isNumber()) {
      try {
        return e.getAsInt();
      } catch (NumberFormatException ex) {
        return dflt;
      }
    }
    return dflt;
  }

  static JsonObject object(JsonObject o, String key) {
    JsonElement e = o.get(key);
    return e != null && e.isJsonObject() ? e.getAsJsonObject() : new JsonObject();
  }

  static JsonArray strings(List<String> values) {
    JsonArray a = new JsonArray();
    values.forEach(a::add);
    return a;
  }

  static JsonObject ok() {
    JsonObject c = new JsonObject();
    c.addProperty("status", "ok");
    return c;
  }
}
