package io.jparallel.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.jparallel.wire.Json;
import io.jparallel.wire.Message;
import io.jparallel.wire.MessageFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Which replies the worker holds back to send them as one batch: while more tasks wait to run,
 * within the hold limits. (Sending a long task's reply at once instead made 1-16 ms maps slower
 * on two cores: the batch's fewer wake-ups are worth more than the hold's delay.)
 */
class OutboxTest {
  private final MessageFactory messages = new MessageFactory("engine");
  /** The outbox's clock, moved by the test alone. */
  private final AtomicLong now = new AtomicLong(1_000_000_000L);

  private Message reply() {
    return messages.message("apply_reply", Json.object());
  }

  @Test
  void holdsRepliesWhileMoreTasksWaitThenSendsThemWithTheLastInOrder() {
    Outbox outbox = new Outbox(now::get); // no direct send: what is not held waits for the I/O thread, due now
    List<Message> sent = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      Message m = reply();
      sent.add(m);
      outbox.reply(List.of(m), true);
      now.addAndGet(100_000); // the next short task ends 0.1 ms later
      long due = outbox.dueIn(now.get());
      assertThat(due).as("reply %d held, due within the hold limit", i).isPositive()
          .isLessThanOrEqualTo(Outbox.HOLD_LIMIT_NANOS);
    }
    Message last = reply();
    sent.add(last);
    outbox.reply(List.of(last), false);
    assertThat(outbox.dueIn(now.get())).as("nothing more waits: all go now").isZero();
    assertThat(outbox.takeAll()).containsExactlyElementsOf(sent);
    assertThat(outbox.dueIn(now.get())).isEqualTo(Long.MAX_VALUE);
  }

  @Test
  void holdsNoMoreThanItsLimit() {
    Outbox outbox = new Outbox(now::get);
    for (int i = 0; i < Outbox.MAX_HELD; i++) {
      outbox.reply(List.of(reply()), true);
    }
    assertThat(outbox.dueIn(now.get())).isPositive();
    outbox.reply(List.of(reply()), true);
    assertThat(outbox.dueIn(now.get())).as("one over the limit: the batch goes now").isZero();
    assertThat(outbox.takeAll()).hasSize(Outbox.MAX_HELD + 1);
  }

  @Test
  void aHoldEndsOnceItsOldestReplyIsOld() {
    Outbox outbox = new Outbox(now::get);
    outbox.reply(List.of(reply()), true);
    now.addAndGet(Outbox.HOLD_NANOS);
    outbox.reply(List.of(reply()), true);
    assertThat(outbox.dueIn(now.get())).as("a reply half a millisecond after the held one: both go now").isZero();
    outbox.takeAll();
    outbox.reply(List.of(reply()), true);
    assertThat(outbox.dueIn(now.get())).isEqualTo(Outbox.HOLD_LIMIT_NANOS);
    now.addAndGet(Outbox.HOLD_LIMIT_NANOS);
    assertThat(outbox.dueIn(now.get())).as("past the hold limit: the I/O thread sends it").isZero();
    outbox.reply(List.of(reply()), true);
    assertThat(outbox.dueIn(now.get())).as("no new hold behind an old one").isZero();
  }
}
