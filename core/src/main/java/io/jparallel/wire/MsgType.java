package io.jparallel.wire;

/**
 * Message types. Clients talk to the controller's client socket; engines to its engine
 * socket. See core/README.md for the flows.
 */
public final class MsgType {
  private MsgType() {}

  // client <-> controller
  public static final String CONNECT_REQUEST = "connection_request";
  public static final String CONNECT_REPLY = "connection_reply";
  public static final String QUEUE_REQUEST = "queue_request";
  public static final String QUEUE_REPLY = "queue_reply";
  public static final String CLASS_PUSH = "class_push";
  /** A library for every engine: {@code {name, hash, s}} and one signed buffer, the jar. */
  public static final String JAR_PUSH = "jar_push";
  public static final String JAR_PUSH_REPLY = "jar_push_reply";
  public static final String ABORT_REQUEST = "abort_request";
  public static final String ABORT_REPLY = "abort_reply";
  public static final String PURGE_REQUEST = "purge_request";
  public static final String PURGE_REPLY = "purge_reply";
  public static final String RESULT_REQUEST = "result_request";
  public static final String RESULT_REPLY = "result_reply";
  public static final String NOTIFICATION = "engine_notification";
  public static final String SHUTDOWN_REQUEST = "shutdown_request";
  public static final String SHUTDOWN_REPLY = "shutdown_reply";
  public static final String ENGINE_EXITED = "engine_exited";
  /** Task records: {@code tasks_request {status, label, engine, since, until, msg_ids, limit}} -> {@code tasks_reply {tasks}}. */
  public static final String TASKS_REQUEST = "tasks_request";
  public static final String TASKS_REPLY = "tasks_reply";
  /** {@code resubmit_request {tasks: [{msg_id, new_id}]}} -> {@code resubmit_reply {resubmitted, errors}}. */
  public static final String RESUBMIT_REQUEST = "resubmit_request";
  public static final String RESUBMIT_REPLY = "resubmit_reply";
  /** Subscribes (or renews) a client to the monitor feed; {@code monitor_event}s follow. */
  public static final String MONITOR_REQUEST = "monitor_request";
  public static final String MONITOR_REPLY = "monitor_reply";
  public static final String MONITOR_EVENT = "monitor_event";

  // tasks: client -> controller -> engine, replies back the same way
  public static final String EXECUTE_REQUEST = "execute_request";
  public static final String EXECUTE_REPLY = "execute_reply";
  public static final String APPLY_REQUEST = "apply_request";
  public static final String APPLY_REPLY = "apply_reply";
  public static final String NS_REQUEST = "namespace_request";
  public static final String NS_REPLY = "namespace_reply";
  /** Output of a running task (iopub): content {name: stdout|stderr, text}, parent = the task. */
  public static final String STREAM = "stream";

  // controller <-> engine
  public static final String REGISTRATION_REQUEST = "registration_request";
  public static final String REGISTRATION_REPLY = "registration_reply";
  public static final String HEARTBEAT = "heartbeat";
  public static final String LOAD_CLASSES = "load_classes";
  /** Controller to engine: {@code jars:[{name, hash, s?}]}, the bytes in signed buffers (none for a jar the engine caches). */
  public static final String LOAD_JARS = "load_jars";
  /** Controller to engine: {@code count} task replies with large frames have arrived (their buffers may be reused). */
  public static final String REPLY_ACK = "reply_ack";
  /**
   * Controller to an engine it does not know (it declared it dead, e.g. after a long pause):
   * {@code {reason}}. The engine drops its tasks (they were requeued) and registers again.
   */
  public static final String REGISTER_AGAIN = "register_again";

  public static boolean isTaskRequest(String type) {
    return EXECUTE_REQUEST.equals(type) || APPLY_REQUEST.equals(type) || NS_REQUEST.equals(type);
  }

  public static boolean isTaskReply(String type) {
    return EXECUTE_REPLY.equals(type) || APPLY_REPLY.equals(type) || NS_REPLY.equals(type);
  }

  public static String replyTo(String requestType) {
    return switch (requestType) {
      case EXECUTE_REQUEST -> EXECUTE_REPLY;
      case APPLY_REQUEST -> APPLY_REPLY;
      case NS_REQUEST -> NS_REPLY;
      default -> requestType.endsWith("_request")
          ? requestType.substring(0, requestType.length() - "_request".length()) + "_reply"
          : requestType + "_reply";
    };
  }
}
