package io.squashinflux.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.squashinflux.cli.Main;
import io.squashinflux.demo.JobGenerator;
import io.squashinflux.demo.PrivateInflux;
import io.squashinflux.demo.SquashApiServer;
import io.squashinflux.testing.KafkaBroker;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * bench/kafka.sh: in one run, on the same generated jobs, a direct sync into influxd beside the
 * way through Kafka: {@code sync --to kafka://} into a topic, then N = 1, 2, 4 writers
 * ({@code sync --from kafka:// --group}, each its own JVM, as a user runs them) consuming it into
 * a fresh database each. Prints wall time, points/s and where the CPU went (the squash-influx
 * processes, influxd, and this JVM, which runs the broker and the sample API).
 */
public final class KafkaBench {
  private static final ObjectMapper JSON = new ObjectMapper();

  private KafkaBench() {}

  public static void main(String[] args) throws Exception {
    int jobs = Integer.parseInt(args[0]);
    int partitions = args.length > 1 ? Integer.parseInt(args[1]) : 4;
    Path work = Files.createTempDirectory("squash-influx-kafka-bench");
    try (KafkaBroker.Running broker = KafkaBroker.Running.start();
        PrivateInflux influx = PrivateInflux.builder().directoryPrefix("kafka-bench").start();
        SquashApiServer api = SquashApiServer.start(JobGenerator.withSeed(7, jobs), 0)) {
      broker.createTopic("bench", partitions);
      Bench bench = new Bench(work, influx);
      System.out.printf("%d jobs, topic of %d partitions, %d cores; broker started in %.1f s%n",
          jobs, partitions, Runtime.getRuntime().availableProcessors(), broker.startSeconds());
      System.out.printf("%-28s %8s %10s %9s %9s %9s%n", "run", "wall s", "points/s",
          "tool cpu", "influxd", "broker+api");
      Phase direct = bench.run("direct sync into influxd", List.of(List.of("sync",
          "--squash-url", api.url().toString(), "--influx-url", influx.url(), "--db", "direct")));
      bench.print(direct, direct.points());
      Phase produce = bench.run("sync --to kafka://", List.of(List.of("sync", "--squash-url",
          api.url().toString(), "--to", "kafka://" + broker.bootstrap() + "/bench")));
      bench.print(produce, produce.points());
      for (int writers : new int[] {1, 2, 4}) {
        List<List<String>> commands = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
          commands.add(List.of("sync", "--from", "kafka://" + broker.bootstrap() + "/bench",
              "--group", "writers" + writers, "--influx-url", influx.url(), "--db",
              "writers" + writers));
        }
        Phase phase = bench.run(writers + " writer(s) --from kafka://", commands);
        bench.print(phase, direct.points());
      }
    }
  }

  /** One timed run of some processes started together. */
  record Phase(String name, double wall, long points, double toolCpu, double influxCpu,
      double jvmCpu) {}

  private static final class Bench {
    private final Path work;
    private final PrivateInflux influx;
    private int runs;

    Bench(Path work, PrivateInflux influx) {
      this.work = work;
      this.influx = influx;
    }

    Phase run(String name, List<List<String>> commands) throws Exception {
      double influxBefore = cpuOf(influx.pid());
      double jvmBefore = jvmCpu();
      long start = System.nanoTime();
      List<Process> processes = new ArrayList<>();
      List<Path> outs = new ArrayList<>();
      for (List<String> args : commands) {
        int run = runs++;
        Path out = work.resolve(run + ".out");
        List<String> command = new ArrayList<>(List.of("/usr/bin/time", "-f", "%U %S", "-o",
            work.resolve(run + ".time").toString(),
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
            Main.class.getName()));
        command.addAll(args);
        command.addAll(List.of("--quiet", "--json", "--no-state",
            "--rejects", work.resolve(run + ".rejects").toString()));
        outs.add(out);
        processes.add(new ProcessBuilder(command).redirectOutput(out.toFile())
            .redirectError(work.resolve(run + ".err").toFile()).start());
      }
      long points = 0;
      double toolCpu = 0;
      for (int i = 0; i < processes.size(); i++) {
        int code = processes.get(i).waitFor();
        String out = Files.readString(outs.get(i));
        if (code != 0) {
          throw new IllegalStateException(name + " exited " + code + ": " + out + Files.readString(
              outs.get(i).resolveSibling(outs.get(i).getFileName().toString().replace(".out", ".err"))));
        }
        JsonNode summary = JSON.readTree(out.strip().lines().reduce((a, b) -> b).orElse("{}"));
        points += summary.path("points_written").asLong();
        String[] cpu = Files.readString(outs.get(i).resolveSibling(
            outs.get(i).getFileName().toString().replace(".out", ".time"))).trim().split("\\s+");
        toolCpu += Double.parseDouble(cpu[cpu.length - 2]) + Double.parseDouble(cpu[cpu.length - 1]);
      }
      double wall = (System.nanoTime() - start) / 1e9;
      return new Phase(name, wall, points, toolCpu, cpuOf(influx.pid()) - influxBefore,
          jvmCpu() - jvmBefore);
    }

    void print(Phase phase, long points) {
      System.out.printf("%-28s %8.2f %10.0f %8.1fs %8.1fs %9.1fs%n", phase.name(), phase.wall(),
          points / phase.wall(), phase.toolCpu(), phase.influxCpu(), phase.jvmCpu());
      if (phase.points() < points) {
        throw new IllegalStateException(phase.name() + " wrote " + phase.points() + " points, "
            + points + " expected");
      }
    }
  }

  /** CPU seconds (user + system) a process used so far, from /proc. */
  private static double cpuOf(long pid) throws IOException {
    String[] stat = Files.readString(Path.of("/proc/" + pid + "/stat")).replaceFirst(".*\\) ", "")
        .split(" ");
    return (Long.parseLong(stat[11]) + Long.parseLong(stat[12])) / 100.0;
  }

  private static double jvmCpu() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory
        .getOperatingSystemMXBean()).getProcessCpuTime() / 1e9;
  }
}
