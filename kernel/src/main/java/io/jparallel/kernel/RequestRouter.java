package io.jparallel.kernel;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.github.spencerpark.jupyter.kernel.LanguageInfo;
import io.github.spencerpark.jupyter.kernel.ReplacementOptions;
import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.kernel.history.HistoryEntry;
import io.github.spencerpark.jupyter.kernel.history.HistoryManager.ResultFlag;
import io.jparallel.kernel.wire.Headers;
import io.jparallel.kernel.wire.WireMessage;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Answers shell and control requests. Every request is framed by {@code busy}/{@code idle}
 * on IOPub; every request type the protocol defines gets a reply ({@code kernel_info_reply}
 * with {@code status: ok}, {@code history_reply} for tail/range/search, ...). Unknown types
 * are logged and ignored, as ipykernel does.
 */
final class RequestRouter {
  private static final Logger LOG = Logger.getLogger(RequestRouter.class.getName());

  private final JParallelKernel kernel;
  private final IOPubPublisher iopub;
  private final Headers headers;
  private final ExecuteHandler execute;
  private final Runnable shutdown;

  RequestRouter(JParallelKernel kernel, IOPubPublisher iopub, Headers headers, Runnable shutdown) {
    this.kernel = kernel;
    this.iopub = iopub;
    this.headers = headers;
    this.execute = new ExecuteHandler(kernel, iopub, headers);
    this.shutdown = shutdown;
  }

  /** The shell channel's handler. */
  void shell(WireMessage m, ChannelLoop shell) {
    boolean abortQueue = false;
    iopub.status(m.header(), "busy");
    try {
      switch (m.msgType()) {
        case "execute_request" -> abortQueue = execute.execute(m, shell);
        case "complete_request" -> reply(shell, m, "complete_reply", complete(m.content()));
        case "inspect_request" -> reply(shell, m, "inspect_reply", inspect(m.content()));
        case "is_complete_request" -> reply(shell, m, "is_complete_reply", isComplete(m.content()));
        case "history_request" -> reply(shell, m, "history_reply", history(m.content()));
        case "comm_info_request" -> {
          JsonObject c = Json.ok();
          c.add("comms", new JsonObject());
          reply(shell, m, "comm_info_reply", c);
        }
        default -> common(m, shell);
      }
    } finally {
      iopub.status(m.header(), "idle");
    }
    if (abortQueue) {
      abortQueued(shell);
    }
  }

  /** The control channel's handler. */
  void control(WireMessage m, ChannelLoop control) {
    iopub.status(m.header(), "busy");
    try {
      if (m.msgType().equals("interrupt_request")) {
        kernel.interrupt();
        reply(control, m, "interrupt_reply", Json.ok());
      } else {
        common(m, control);
      }
    } finally {
      iopub.status(m.header(), "idle");
    }
  }

  private void common(WireMessage m, ChannelLoop channel) {
    switch (m.msgType()) {
      case "kernel_info_request" -> reply(channel, m, "kernel_info_reply", kernelInfo());
      case "shutdown_request" -> {
        JsonObject c = Json.ok();
        c.addProperty("restart", Json.bool(m.content(), "restart", false));
        reply(channel, m, "shutdown_reply", c);
        shutdown.run();
      }
      case "comm_open", "comm_msg", "comm_close" -> LOG.fine(() -> "no comm targets; ignored " + m.msgType());
      default -> LOG.info(() -> channel.name() + ": unsupported message type " + m.msgType() + " ignored");
    }
  }

  /**
   * After a failed cell with stop_on_error: requests already queued run no code. They are all
   * taken off the socket before the first is answered, so a request a client sends after
   * seeing those answers is not aborted with them.
   */
  private void abortQueued(ChannelLoop shell) {
    List<WireMessage> queued = new ArrayList<>();
    for (var next = shell.pollArrived(); next.isPresent(); next = shell.pollArrived()) {
      queued.add(next.get());
    }
    for (WireMessage m : queued) {
      if (m.msgType().equals("execute_request")) {
        iopub.status(m.header(), "busy");
        execute.abort(m, shell);
        iopub.status(m.header(), "idle");
      } else {
        shell(m, shell);
      }
    }
  }

  private void reply(ChannelLoop channel, WireMessage request, String type, JsonObject content) {
    channel.send(headers.reply(request, type, content));
  }

  JsonObject kernelInfo() {
    JsonObject c = Json.ok();
    c.addProperty("protocol_version", Headers.PROTOCOL_VERSION);
    c.addProperty("implementation", "jparallel");
    c.addProperty("implementation_version", JParallelKernel.implementationVersion());
    LanguageInfo li = kernel.getLanguageInfo();
    JsonObject lang = new JsonObject();
    lang.addProperty("name", li.getName());
    lang.addProperty("version", li.getVersion());
    lang.addProperty("mimetype", li.getMimetype());
    lang.addProperty("file_extension", li.getFileExtension());
    lang.addProperty("pygments_lexer", li.getPygmentsLexer());
    lang.addProperty("codemirror_mode", String.valueOf(li.getCodemirrorMode()));
    lang.addProperty("nbconvert_exporter", li.getNbconvertExporter());
    c.add("language_info", lang);
    c.addProperty("banner", kernel.getBanner());
    c.addProperty("debugger", false);
    JsonArray links = new JsonArray();
    for (LanguageInfo.Help h : kernel.getHelpLinks()) {
      JsonObject l = new JsonObject();
      l.addProperty("text", h.getText());
      l.addProperty("url", h.getUrl());
      links.add(l);
    }
    c.add("help_links", links);
    return c;
  }

  private JsonObject complete(JsonObject req) {
    String code = Json.string(req, "code", "");
    int cursor = clamp(Json.integer(req, "cursor_pos", code.length()), code);
    ReplacementOptions r = kernel.complete(code, cursor);
    JsonObject c = Json.ok();
    c.add("matches", Json.strings(r.getReplacements()));
    c.addProperty("cursor_start", r.getSourceStart());
    c.addProperty("cursor_end", r.getSourceEnd());
    c.add("metadata", new JsonObject());
    return c;
  }

  private JsonObject inspect(JsonObject req) {
    String code = Json.string(req, "code", "");
    int cursor = clamp(Json.integer(req, "cursor_pos", code.length()), code);
    DisplayData d = kernel.inspect(code, cursor, Json.integer(req, "detail_level", 0) > 0);
    JsonObject c = Json.ok();
    c.addProperty("found", d != null);
    JsonObject data = new JsonObject();
    if (d != null) {
      Object text = d.getData(io.github.spencerpark.jupyter.kernel.display.mime.MIMEType.TEXT_PLAIN);
      data.addProperty("text/plain", String.valueOf(text));
    }
    c.add("data", data);
    c.add("metadata", new JsonObject());
    return c;
  }

  private JsonObject isComplete(JsonObject req) {
    String answer = kernel.isComplete(Json.string(req, "code", ""));
    JsonObject c = new JsonObject();
    switch (answer) {
      case "complete", "invalid", "unknown" -> c.addProperty("status", answer);
      default -> {
        c.addProperty("status", "incomplete");
        c.addProperty("indent", answer);
      }
    }
    return c;
  }

  private JsonObject history(JsonObject req) {
    boolean output = Json.bool(req, "output", false);
    Set<ResultFlag> flags = EnumSet.noneOf(ResultFlag.class);
    if (output) {
      flags.add(ResultFlag.INCLUDE_OUTPUT);
    }
    if (Json.bool(req, "unique", false)) {
      flags.add(ResultFlag.UNIQUE);
    }
    SessionHistory h = kernel.getHistoryManager();
    List<HistoryEntry> entries = switch (Json.string(req, "hist_access_type", "tail")) {
      case "range" -> h.lookupRange(Json.integer(req, "session", 0), Json.integer(req, "start", 0),
          Json.integer(req, "stop", 0), flags);
      case "search" -> h.search(Json.string(req, "pattern", "*"), Json.integer(req, "n", 0), flags);
      default -> h.lookupTail(Json.integer(req, "n", 10), flags);
    };
    JsonArray list = new JsonArray();
    for (HistoryEntry e : entries) {
      JsonArray row = new JsonArray();
      row.add(e.getSession());
      row.add(e.getCellNumber());
      if (output) {
        JsonArray io = new JsonArray();
        io.add(e.getInput());
        io.add(e.getOutput());
        row.add(io);
      } else {
        row.add(e.getInput());
      }
      list.add(row);
    }
    JsonObject c = Json.ok();
    c.add("history", list);
    return c;
  }

  private static int clamp(int cursor, String code) {
    return Math.max(0, Math.min(cursor, code.length()));
  }
}
