package dev.skeleton.storage.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

/**
 * What the writers saw during the moves of one trial of {@link TransferMoveBenchmark}: each move is
 * printed as it ends ({@code # move shot 3 (measured): ...}) with the pause the move reports, the
 * writers' longest write and throughput in each phase ({@link WriterThreads}) and their timeline;
 * at the end of the trial the measured moves are summed up (means, and the worst of each). JMH's
 * score is the move's time; these figures cannot be JMH's secondary results, which add up over the
 * iterations.
 *
 * <p>Not thread-safe: with one benchmark thread, JMH runs a trial's shots and tear-downs one after
 * the other.
 */
final class MoveShotLog {

    /**
     * One move.
     *
     * @param moveNanos    how long {@code moveStore} took
     * @param pauseNanos   its report's longest pause
     * @param entriesMoved its report's entries
     * @param before       the writers in the reference window before it
     * @param copying      the writers from its start to the switch, on the old engine
     * @param switched     the writers from the switch to its return, on the new engine
     */
    record Shot(long moveNanos, long pauseNanos, long entriesMoved, WriterThreads.Window before,
                WriterThreads.Window copying, WriterThreads.Window switched) {

        /** The longest write that began during the move, ms. */
        double longestWriteMillis() {
            return Math.max(copying.slowestMillis(), switched.slowestMillis());
        }

        /** Writes that failed before or during the move. */
        long failures() {
            return before.failures() + copying.failures() + switched.failures();
        }
    }

    private final List<Shot> measured = new ArrayList<>();
    private Shot last;
    private int shots;

    /**
     * Keeps the move that just ended; called by the benchmark method.
     *
     * @param shot the move
     */
    void done(Shot shot) {
        last = shot;
    }

    /**
     * Prints the move that just ran, with the writers after it and their timeline, and keeps it if
     * it was measured.
     *
     * @param iteration the iteration that ran it, from JMH
     * @param after     the writers after the move
     * @param timeline  the writers' timeline ({@link WriterThreads#timeline()})
     */
    void printShot(IterationParams iteration, WriterThreads.Window after, String timeline) {
        if (last == null) {
            return;
        }
        boolean isMeasured = iteration.getType() == IterationType.MEASUREMENT;
        shots++;
        System.out.printf("# move shot %d (%s): %,.0f ms (switch after %,.0f ms), report: %,d entries, longest pause %.1f ms%n",
                shots, isMeasured ? "measured" : "warm-up", last.moveNanos() / 1e6, last.copying().nanos() / 1e6,
                last.entriesMoved(), last.pauseNanos() / 1e6);
        print("before the move", last.before());
        print("copying, old engine", last.copying());
        print("switched, new engine", last.switched());
        print("after the move", after);
        System.out.println("#   writes/s per " + WriterThreads.BUCKET_MILLIS + " ms:" + timeline);
        if (isMeasured) {
            measured.add(last);
        }
        last = null;
    }

    /** Prints the measured moves' means and worst figures. */
    void summary() {
        if (measured.isEmpty()) {
            return;
        }
        double before = mean(shot -> shot.before().writesPerSecond());
        double copying = mean(shot -> shot.copying().writesPerSecond());
        System.out.printf("# moves, %d measured: move %,.0f ms mean (switch after %,.0f ms); longest pause %.1f ms mean,"
                + " %.1f ms worst; longest write begun during the move %.1f ms mean, %.1f ms worst (before it: %.1f ms"
                + " worst); writes/s %,.0f before, %,.0f while copying (%.2f of before), %,.0f after the switch;"
                + " %,d writes failed%n", measured.size(), mean(shot -> shot.moveNanos() / 1e6),
                mean(shot -> shot.copying().nanos() / 1e6), mean(shot -> shot.pauseNanos() / 1e6),
                max(shot -> shot.pauseNanos() / 1e6), mean(Shot::longestWriteMillis), max(Shot::longestWriteMillis),
                max(shot -> shot.before().slowestMillis()), before, copying, copying / before,
                mean(shot -> shot.switched().writesPerSecond()), measured.stream().mapToLong(Shot::failures).sum());
    }

    private double mean(ToDoubleFunction<Shot> figure) {
        return measured.stream().mapToDouble(figure).average().orElseThrow();
    }

    private double max(ToDoubleFunction<Shot> figure) {
        return measured.stream().mapToDouble(figure).max().orElseThrow();
    }

    private static void print(String when, WriterThreads.Window window) {
        System.out.printf("#   writers %s: %,d writes in %,d ms, %,.0f writes/s, longest %.1f ms, %,d failed%n",
                when, window.writes(), window.nanos() / 1_000_000, window.writesPerSecond(), window.slowestMillis(),
                window.failures());
    }
}
