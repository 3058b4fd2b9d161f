package io.jparallel.wire;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** The Jupyter message header. {@code date} is an ISO-8601 instant. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record Header(
    @JsonProperty("msg_id") String msgId,
    @JsonProperty("msg_type") String msgType,
    @JsonProperty("session") String session,
    @JsonProperty("username") String username,
    @JsonProperty("date") String date,
    @JsonProperty("version") String version) {

  public static final String PROTOCOL_VERSION = "5.3";
}
