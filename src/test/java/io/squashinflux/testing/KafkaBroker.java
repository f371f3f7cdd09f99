package io.squashinflux.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real Kafka broker in the test JVM: Kafka's own test kit, KRaft, one combined node on a free
 * loopback port. Started once, by the first test class that registers the extension, shared by
 * all, and closed when the test run ends. Unlike a production cluster it has one replica, so the
 * internal topics' replication factor is 1 (a consumer group never forms otherwise).
 */
public final class KafkaBroker implements BeforeAllCallback {
  private static final Object KEY = KafkaBroker.class;
  private Running running;

  /** {@code @RegisterExtension static final KafkaBroker kafka = KafkaBroker.shared();} */
  public static KafkaBroker shared() {
    return new KafkaBroker();
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    running = context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
        .getOrComputeIfAbsent(KEY, k -> Running.start(), Running.class);
  }

  public String bootstrap() {
    return running.bootstrap();
  }

  /** Seconds the broker took to format and start. */
  public double startSeconds() {
    return running.startSeconds();
  }

  public Admin admin() {
    return running.admin;
  }

  public void createTopic(String topic, int partitions) throws Exception {
    running.createTopic(topic, partitions);
  }

  /** Per partition, the offset after its last record. */
  public Map<TopicPartition, Long> endOffsets(String topic) throws Exception {
    Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
    int partitions = admin().describeTopics(List.of(topic)).allTopicNames().get().get(topic)
        .partitions().size();
    for (int p = 0; p < partitions; p++) {
      latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
    }
    Map<TopicPartition, Long> ends = new HashMap<>();
    admin().listOffsets(latest).all().get().forEach((tp, info) -> ends.put(tp, info.offset()));
    return ends;
  }

  public long records(String topic) throws Exception {
    return endOffsets(topic).values().stream().mapToLong(Long::longValue).sum();
  }

  /** The group's committed offsets, per partition (partitions never committed are missing). */
  public Map<TopicPartition, Long> committed(String group) throws Exception {
    Map<TopicPartition, Long> offsets = new HashMap<>();
    Map<TopicPartition, OffsetAndMetadata> committed =
        admin().listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
    committed.forEach((tp, o) -> {
      if (o != null) {
        offsets.put(tp, o.offset());
      }
    });
    return offsets;
  }

  /** Partitions each member of the group holds, by client id. */
  public Map<String, List<Integer>> members(String group)
      throws InterruptedException, ExecutionException {
    Map<String, List<Integer>> members = new HashMap<>();
    ConsumerGroupDescription description;
    try {
      description = admin().describeConsumerGroups(List.of(group)).all().get().get(group);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof org.apache.kafka.common.errors.GroupIdNotFoundException) {
        return members; // no member joined yet
      }
      throw e;
    }
    for (MemberDescription member : description.members()) {
      List<Integer> partitions = new ArrayList<>();
      member.assignment().topicPartitions().forEach(tp -> partitions.add(tp.partition()));
      partitions.sort(null);
      members.put(member.clientId(), partitions);
    }
    return members;
  }

  /** Waits until the condition holds; fails after {@code limit} ({@link Await}). */
  public static void await(String what, Duration limit, Check check) throws Exception {
    Await.until(what, limit, check::holds);
  }

  @FunctionalInterface
  public interface Check {
    boolean holds() throws Exception;
  }

  /** The one broker of the test run (or of a benchmark, started on its own). */
  public static final class Running implements AutoCloseable {
    final KafkaClusterTestKit kit;
    final Admin admin;
    final long startNanos;

    public String bootstrap() {
      return kit.bootstrapServers();
    }

    public double startSeconds() {
      return startNanos / 1e9;
    }

    public void createTopic(String topic, int partitions) throws Exception {
      admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get();
    }

    private Running(KafkaClusterTestKit kit, long startNanos) {
      this.kit = kit;
      this.startNanos = startNanos;
      Properties config = new Properties();
      config.put("bootstrap.servers", kit.bootstrapServers());
      this.admin = Admin.create(config);
    }

    public static Running start() {
      long started = System.nanoTime();
      try {
        KafkaClusterTestKit kit = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                .setCombined(true).setNumBrokerNodes(1).setNumControllerNodes(1).build())
            .setConfigProp("offsets.topic.replication.factor", "1")
            .setConfigProp("offsets.topic.num.partitions", "1")
            .setConfigProp("transaction.state.log.replication.factor", "1")
            .setConfigProp("transaction.state.log.min.isr", "1")
            .setConfigProp("group.initial.rebalance.delay.ms", "0")
            // A SIGKILLed consumer's partitions move on after its session times out: keep it short.
            .setConfigProp("group.min.session.timeout.ms", "1000")
            .build();
        kit.format();
        kit.startup();
        kit.waitForReadyBrokers();
        long took = System.nanoTime() - started;
        System.err.printf("Kafka broker (test kit, KRaft, combined node) started in %.1f s at %s%n",
            took / 1e9, kit.bootstrapServers());
        return new Running(kit, took);
      } catch (Exception e) {
        throw new IllegalStateException("cannot start the Kafka test broker: " + e, e);
      }
    }

    /** JUnit closes it, as an AutoCloseable in the root store, when the test run ends. */
    @Override
    public void close() {
      long started = System.nanoTime();
      admin.close(Duration.ofSeconds(5));
      try {
        kit.close();
      } catch (Exception e) {
        if (e instanceof InterruptedException) {
          Thread.currentThread().interrupt();
        }
        throw new IllegalStateException("cannot stop the Kafka test broker: " + e, e);
      }
      System.err.printf("Kafka broker stopped in %.1f s%n", (System.nanoTime() - started) / 1e9);
    }
  }
}
