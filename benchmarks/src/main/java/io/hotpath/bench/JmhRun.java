package io.hotpath.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * The command line of a JMH suite: JMH's own options plus {@code --out DIR}; runs the suite (all of
 * {@code benchmarks} unless the options select some), prints its table and writes it as {@code
 * <stem>.md} and {@code <stem>.json} under DIR (default {@code benchmarks/target/results}).
 */
final class JmhRun {
  private JmhRun() {}

  static <R> void main(
      String[] args,
      Class<?> benchmarks,
      String stem,
      Function<Collection<RunResult>, List<R>> rows,
      Function<List<R>, String> markdown)
      throws RunnerException, IOException {
    Path out = Path.of("benchmarks/target/results");
    List<String> jmhArgs = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--out") && i + 1 < args.length) {
        out = Path.of(args[++i]);
      } else {
        jmhArgs.add(args[i]);
      }
    }
    CommandLineOptions cli;
    try {
      cli = new CommandLineOptions(jmhArgs.toArray(String[]::new));
    } catch (CommandLineOptionException e) {
      System.err.println("bad JMH options: " + e.getMessage());
      System.exit(2);
      return;
    }
    ChainedOptionsBuilder options = new OptionsBuilder().parent(cli);
    if (cli.getIncludes().isEmpty()) {
      options.include(benchmarks.getSimpleName());
    }
    List<R> table = rows.apply(new Runner(options.build()).run());
    String text = markdown.apply(table);
    System.out.println();
    System.out.println(text);
    Files.createDirectories(out);
    Path md = out.resolve(stem + ".md");
    Path json = out.resolve(stem + ".json");
    Files.writeString(md, text);
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(json.toFile(), table);
    System.out.println("written: " + md + ", " + json);
  }
}
