package io.jparallel.kernel;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.spencerpark.jupyter.kernel.LanguageInfo;
import io.github.spencerpark.jupyter.kernel.ReplacementOptions;
import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;
import io.github.spencerpark.jupyter.kernel.history.HistoryEntry;
import io.github.spencerpark.jupyter.kernel.history.HistoryManager.ResultFlag;
import io.jparallel.wire.Header;
import io.jparallel.wire.Json;
import io.jparallel.wire.Log;
import io.jparallel.wire.Message;
import io.jparallel.wire.MessageFactory;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Answers shell and control requests. Every request is framed by {@code busy}/{@code idle}
 * on IOPub; every request type the protocol defines gets a reply ({@code kernel_info_reply}
 * with {@code status: ok}, {@code history_reply} for tail/range/search, ...). Unknown types
 * are logged and ignored, as ipykernel does.
 */
final class RequestRouter {
  private static final Log LOG = Log.of("kernel");

  private final JParallelKernel kernel;
  private final IOPubPublisher iopub;
  private final MessageFactory messages;
  private final ExecuteHandler execute;
  private final Runnable shutdown;

  RequestRouter(JParallelKernel kernel, IOPubPublisher iopub, MessageFactory messages, Runnable shutdown) {
    this.kernel = kernel;
    this.iopub = iopub;
    this.messages = messages;
    this.execute = new ExecuteHandler(kernel, iopub, messages);
    this.shutdown = shutdown;
  }

  /** The shell channel's handler. */
  void shell(Message m, ChannelLoop shell) {
    boolean abortQueue = false;
    List<Message> queuedBehind = new ArrayList<>();
    iopub.status(m.header(), "busy");
    try {
      switch (m.type()) {
        case "execute_request" -> abortQueue = execute.execute(m, shell, queuedBehind);
        case "complete_request" -> reply(shell, m, "complete_reply", complete(m.content()));
        case "inspect_request" -> reply(shell, m, "inspect_reply", inspect(m.content()));
        case "is_complete_request" -> reply(shell, m, "is_complete_reply", isComplete(m.content()));
        case "history_request" -> reply(shell, m, "history_reply", history(m.content()));
        case "comm_info_request" -> {
          ObjectNode c = ok();
          c.putObject("comms");
          reply(shell, m, "comm_info_reply", c);
        }
        default -> common(m, shell);
      }
    } finally {
      iopub.status(m.header(), "idle");
    }
    if (abortQueue) {
      abortQueued(queuedBehind, shell);
    }
  }

  /** The control channel's handler. */
  void control(Message m, ChannelLoop control) {
    iopub.status(m.header(), "busy");
    try {
      if (m.type().equals("interrupt_request")) {
        kernel.interrupt();
        reply(control, m, "interrupt_reply", ok());
      } else {
        common(m, control);
      }
    } finally {
      iopub.status(m.header(), "idle");
    }
  }

  private void common(Message m, ChannelLoop channel) {
    switch (m.type()) {
      case "kernel_info_request" -> reply(channel, m, "kernel_info_reply", kernelInfo());
      case "shutdown_request" -> {
        ObjectNode c = ok().put("restart", Json.bool(m.content(), "restart", false));
        reply(channel, m, "shutdown_reply", c);
        shutdown.run();
      }
      case "comm_open", "comm_msg", "comm_close" -> LOG.debug("no comm targets; ignored " + m.type());
      default -> LOG.debug(channel.name() + ": unsupported message type " + m.type() + " ignored");
    }
  }

  /**
   * After a failed cell with stop_on_error: the requests that were queued behind it (taken off
   * the socket before the failure was answered, so a request a client sends after seeing that
   * answer is not among them) run no code.
   */
  private void abortQueued(List<Message> queued, ChannelLoop shell) {
    for (Message m : queued) {
      if (m.type().equals("execute_request")) {
        iopub.status(m.header(), "busy");
        execute.abort(m, shell);
        iopub.status(m.header(), "idle");
      } else {
        shell(m, shell);
      }
    }
  }

  private void reply(ChannelLoop channel, Message request, String type, ObjectNode content) {
    channel.send(messages.reply(request, type, content));
  }

  /** {@code {"status": "ok"}}, to add a reply's fields to. */
  static ObjectNode ok() {
    return Json.object().put("status", "ok");
  }

  ObjectNode kernelInfo() {
    ObjectNode c = ok();
    c.put("protocol_version", Header.PROTOCOL_VERSION);
    c.put("implementation", "jparallel");
    c.put("implementation_version", JParallelKernel.implementationVersion());
    LanguageInfo li = kernel.getLanguageInfo();
    c.putObject("language_info")
        .put("name", li.getName())
        .put("version", li.getVersion())
        .put("mimetype", li.getMimetype())
        .put("file_extension", li.getFileExtension())
        .put("pygments_lexer", li.getPygmentsLexer())
        .put("codemirror_mode", String.valueOf(li.getCodemirrorMode()))
        .put("nbconvert_exporter", li.getNbconvertExporter());
    c.put("banner", kernel.getBanner());
    c.put("debugger", false);
    ArrayNode links = c.putArray("help_links");
    for (LanguageInfo.Help h : kernel.getHelpLinks()) {
      links.addObject().put("text", h.getText()).put("url", h.getUrl());
    }
    return c;
  }

  private ObjectNode complete(ObjectNode req) {
    String code = Json.text(req, "code", "");
    int cursor = clamp(Json.integer(req, "cursor_pos", code.length()), code);
    ReplacementOptions r = kernel.complete(code, cursor);
    ObjectNode c = ok();
    ArrayNode matches = c.putArray("matches");
    r.getReplacements().forEach(matches::add);
    c.put("cursor_start", r.getSourceStart());
    c.put("cursor_end", r.getSourceEnd());
    c.putObject("metadata");
    return c;
  }

  private ObjectNode inspect(ObjectNode req) {
    String code = Json.text(req, "code", "");
    int cursor = clamp(Json.integer(req, "cursor_pos", code.length()), code);
    DisplayData d = kernel.inspect(code, cursor, Json.integer(req, "detail_level", 0) > 0);
    ObjectNode c = ok();
    c.put("found", d != null);
    ObjectNode data = c.putObject("data");
    if (d != null) {
      data.put("text/plain", String.valueOf(d.getData(MIMEType.TEXT_PLAIN)));
    }
    c.putObject("metadata");
    return c;
  }

  private ObjectNode isComplete(ObjectNode req) {
    String answer = kernel.isComplete(Json.text(req, "code", ""));
    ObjectNode c = Json.object();
    switch (answer) {
      case "complete", "invalid", "unknown" -> c.put("status", answer);
      default -> c.put("status", "incomplete").put("indent", answer);
    }
    return c;
  }

  private ObjectNode history(ObjectNode req) {
    boolean output = Json.bool(req, "output", false);
    Set<ResultFlag> flags = EnumSet.noneOf(ResultFlag.class);
    if (output) {
      flags.add(ResultFlag.INCLUDE_OUTPUT);
    }
    if (Json.bool(req, "unique", false)) {
      flags.add(ResultFlag.UNIQUE);
    }
    SessionHistory h = kernel.getHistoryManager();
    List<HistoryEntry> entries = switch (Json.text(req, "hist_access_type", "tail")) {
      case "range" -> h.lookupRange(Json.integer(req, "session", 0), Json.integer(req, "start", 0),
          Json.integer(req, "stop", 0), flags);
      case "search" -> h.search(Json.text(req, "pattern", "*"), Json.integer(req, "n", 0), flags);
      default -> h.lookupTail(Json.integer(req, "n", 10), flags);
    };
    ObjectNode c = ok();
    ArrayNode list = c.putArray("history");
    for (HistoryEntry e : entries) {
      ArrayNode row = list.addArray().add(e.getSession()).add(e.getCellNumber());
      if (output) {
        row.addArray().add(e.getInput()).add(e.getOutput());
      } else {
        row.add(e.getInput());
      }
    }
    return c;
  }

  private static int clamp(int cursor, String code) {
    return Math.max(0, Math.min(cursor, code.length()));
  }
}
