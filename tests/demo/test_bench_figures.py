"""make bench's table reads the figures `manage.py bench` printed (demo/benchhttp.py)."""

from demo.benchhttp import bench_figures

OUTPUT = """
deadline: 300,000 deadlines in 0.70 s = 428,032 per second
sweep: 1,000,000 open clocks → 10,000 breaches and 10,000 warnings marked, 20,000 notices written in 2.33 s (peak memory 110 → 130 MB)
sweep: second run marked 0 in 0.004 s (exactly once)
sweep: two workers at once marked 9,120 + 10,880 clocks and wrote 20,000 notices in 1.71 s (each once: 20,000 clocks marked of 20,000, 0 notices doubled)
scanner: 500-character messages, all   (language hint, 10800): median 0.784 ms, p99 1.765 ms (MISSES 0.2 / 2 ms)
"""  # noqa: E501 (the command's own lines)


def test_the_figures_are_read_from_the_commands_output():
    assert bench_figures(OUTPUT) == {
        "deadlines_per_second": 428032,
        "sweep_clocks": 1_000_000,
        "sweep_seconds": 2.33,
        "sweep_two_workers_seconds": 1.71,
        "scanner_median_ms": 0.784,
        "scanner_p99_ms": 1.765,
    }


def test_a_sweep_by_two_workers_that_marked_twice_is_not_read_as_a_figure():
    doubled = OUTPUT.replace("(each once:", "(NOT each once:")
    assert "sweep_two_workers_seconds" not in bench_figures(doubled)
