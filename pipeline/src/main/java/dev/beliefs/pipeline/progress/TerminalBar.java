package dev.beliefs.pipeline.progress;

import java.io.PrintStream;
import java.util.Optional;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A bar rewritten in place on a terminal (progressbar's console consumer): chunks done of those
 * known, the ETA, and the rest of the status beside it. The bar redraws itself every {@value
 * #REDRAW_MS} ms.
 */
public final class TerminalBar implements ProgressView {

  static final int REDRAW_MS = 500;

  private final ProgressBar bar;
  private volatile ProgressStatus last;

  public TerminalBar(PrintStream err) {
    this.bar =
        new ProgressBarBuilder()
            .setTaskName("chunks")
            .setInitialMax(0)
            .setStyle(ProgressBarStyle.ASCII)
            .setUpdateIntervalMillis(REDRAW_MS)
            .continuousUpdate()
            .setConsumer(new ConsoleProgressBarConsumer(err))
            .setEtaFunction(state -> Optional.ofNullable(last == null ? null : last.eta()))
            .build();
  }

  @Override
  public void show(ProgressStatus status) {
    last = status;
    bar.maxHint(status.total());
    bar.stepTo(status.done());
    bar.setExtraMessage(status.details());
  }

  @Override
  public void close() {
    bar.close();
  }
}
