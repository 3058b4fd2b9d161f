package io.jparallel.cluster;

import io.jparallel.client.EngineStatus;
import io.jparallel.engine.EngineMain;
import io.jparallel.jvm.JvmOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Engines as one Slurm batch job: {@code sbatch} submits a script whose {@code srun} starts N
 * engines (the default below, or {@link #template}), with {@link #sbatchOptions} on sbatch's
 * command line. The engines get the connection in {@code $JPARALLEL_CONNECTION_INFO} (sbatch
 * exports the submitting environment), so only the jar needs a shared path. The job id is
 * recorded and the job watched: when it ends or is cancelled its engines' tasks fail with
 * {@code EngineDiedException}; {@link LaunchedEngines#stop()} runs {@code scancel}.
 */
public final class SlurmLauncher implements Launcher {
  static final String NAME = "slurm";
  /** The default job script; {@code {n}}, {@code {job_name}}, {@code {output}}, {@code {engine_command}} are filled in. */
  static final String DEFAULT_TEMPLATE = """
      #!/bin/sh
      #SBATCH --job-name={job_name}
      #SBATCH --ntasks={n}
      #SBATCH --output={output}
      exec srun {engine_command}
      """;
  private static final Set<String> ACTIVE = Set.of("PENDING", "CONFIGURING", "RUNNING", "COMPLETING", "SUSPENDED",
      "REQUEUED", "RESIZING", "SIGNALING", "STAGE_OUT", "RESV_DEL_HOLD", "REQUEUE_HOLD", "REQUEUE_FED");
  private static final Duration COMMAND_LIMIT = Duration.ofSeconds(30);
  private static final long POLL_MS = 1000;

  private final List<String> sbatchOptions;
  private final Path template;
  private final Map<String, String> environment;

  SlurmLauncher(List<String> sbatchOptions, Path template, Map<String, String> environment) {
    this.sbatchOptions = List.copyOf(sbatchOptions);
    this.template = template;
    this.environment = Map.copyOf(environment);
  }

  /** A job script of one's own instead of {@link #DEFAULT_TEMPLATE}, with the same placeholders. */
  public SlurmLauncher template(Path file) {
    return new SlurmLauncher(sbatchOptions, file, environment);
  }

  /** Extra environment of sbatch, squeue and scancel (and so of the job): {@code SLURM_CONF}, for one. */
  public SlurmLauncher environment(Map<String, String> env) {
    return new SlurmLauncher(sbatchOptions, template, env);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String toString() {
    return "slurm " + sbatchOptions;
  }

  String script(EngineSpec spec, Path output) {
    String text;
    try {
      text = template == null ? DEFAULT_TEMPLATE : Files.readString(template, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new LaunchException("cannot read the job template " + template + ": " + e.getMessage(), e);
    }
    String engine = Shell.join(spec.engineCommand(JvmOptions.java().toString(), EngineClasspath.get()));
    return text.replace("{n}", Integer.toString(spec.count()))
        .replace("{job_name}", "jpar-" + spec.clusterId())
        .replace("{cluster_id}", spec.clusterId())
        .replace("{output}", output.toString())
        .replace("{engine_command}", engine);
  }

  private Map<String, String> env() {
    Map<String, String> env = new HashMap<>(environment);
    env.put("JPARALLEL_LAUNCHER", NAME);
    return env;
  }

  @Override
  public LaunchedEngines launch(EngineSpec spec, Departures departures) {
    Path output = spec.log("slurm-%j");
    Path script = spec.logDir().resolve("jpar-" + spec.clusterId() + ".sbatch");
    try {
      Files.createDirectories(spec.logDir());
      Files.writeString(script, script(spec, output), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new LaunchException("cannot write the job script " + script + ": " + e.getMessage(), e);
    }
    List<String> cmd = new ArrayList<>(List.of("sbatch", "--parsable"));
    cmd.addAll(sbatchOptions);
    cmd.add(script.toString());
    Map<String, String> env = env();
    env.put(EngineMain.CONNECTION_ENV, spec.connection().toJson()); // exported into the job, never on a command line
    Exec.Result r = Exec.run(cmd, env, COMMAND_LIMIT);
    if (!r.ok()) {
      throw new LaunchException("sbatch failed: " + r.lastLine());
    }
    String jobId = r.stdout().strip().split(";")[0];
    if (!jobId.matches("\\d+(_\\d+)?")) {
      throw new LaunchException("sbatch printed no job id: '" + r.stdout().strip() + "'");
    }
    Job job = new Job(jobId, Path.of(output.toString().replace("%j", jobId)), departures);
    job.watch();
    return job;
  }

  /** What {@code squeue} says of a job: its state and reason, or empty once it is forgotten. */
  private record JobState(String state, String reason) {
    boolean active() {
      return ACTIVE.contains(state);
    }

    @Override
    public String toString() {
      return state + (reason.isEmpty() || "None".equals(reason) ? "" : " (" + reason + ")");
    }
  }

  /** One submitted job, watched by a daemon thread. */
  private final class Job implements LaunchedEngines {
    private final String id;
    private final Path output;
    private final Departures departures;
    private final AtomicBoolean stopping = new AtomicBoolean();
    private volatile JobState last = new JobState("PENDING", "");
    private volatile boolean ended;
    private volatile String queryError = "";

    Job(String id, Path output, Departures departures) {
      this.id = id;
      this.output = output;
      this.departures = departures;
    }

    Optional<JobState> query() {
      Exec.Result r = Exec.run(List.of("squeue", "-h", "-t", "all", "-j", id, "-o", "%T|%r"), environment, COMMAND_LIMIT);
      if (!r.ok()) {
        // an id slurmctld has forgotten: "Invalid job id specified"; anything else: cannot tell now
        if (r.lastLine().contains("Invalid job id")) {
          return Optional.empty();
        }
        queryError = r.lastLine();
        return Optional.of(last);
      }
      queryError = "";
      String line = r.stdout().strip();
      if (line.isEmpty()) {
        return Optional.empty();
      }
      String[] f = line.lines().findFirst().orElse("").split("\\|", 2);
      return Optional.of(new JobState(f[0].strip(), f.length > 1 ? f[1].strip() : ""));
    }

    void watch() {
      Thread t = new Thread(() -> {
        while (!stopping.get()) {
          Optional<JobState> s = query();
          if (s.isEmpty() || !s.get().active()) {
            s.ifPresent(v -> last = v);
            ended = true;
            if (!stopping.get()) {
              departures.gone(e -> id.equals(e.jobId()), "Slurm job " + id + " ended: "
                  + (s.isPresent() ? s.get() : "no longer known to Slurm"));
            }
            return;
          }
          last = s.get();
          try {
            Thread.sleep(POLL_MS);
          } catch (InterruptedException e) {
            return;
          }
        }
      }, "jparallel-slurm-" + id);
      t.setDaemon(true);
      t.start();
    }

    @Override
    public List<Part> parts() {
      return List.of(new Part("", -1, id, "Slurm job " + id + " (" + last + ")"));
    }

    @Override
    public Optional<String> failure(Collection<EngineStatus> registered) {
      if (!ended) {
        return Optional.empty();
      }
      return Optional.of("Slurm job " + id + " ended: " + last + LogTail.describe(output, 4));
    }

    @Override
    public String pending(Collection<EngineStatus> registered) {
      long joined = registered.stream().filter(s -> id.equals(s.jobId())).count();
      return "Slurm job " + id + " is " + last + ", " + joined + " of its engines registered"
          + (queryError.isEmpty() ? "" : "; squeue: " + queryError) + LogTail.describe(output, 3);
    }

    @Override
    public void stop() {
      stopping.set(true);
      Exec.Result r = Exec.run(List.of("scancel", id), environment, COMMAND_LIMIT);
      if (!r.ok() && !r.lastLine().contains("Invalid job id")) {
        io.jparallel.wire.Log.of("cluster").warn("scancel " + id + " failed: " + r.lastLine());
      }
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (System.nanoTime() < deadline) {
        Optional<JobState> s = query();
        if (s.isEmpty() || !s.get().active()) {
          ended = true;
          return;
        }
        try {
          Thread.sleep(200);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
      io.jparallel.wire.Log.of("cluster").warn("Slurm job " + id + " still " + last + " 20 s after scancel");
    }
  }
}
