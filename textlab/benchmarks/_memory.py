"""Peak memory and CPU time of this process and its children, sampled in a thread.

A benchmark helper (not part of the library's API): the streaming benchmarks report the
largest total resident (or proportional) memory of the parent and its worker processes.
"""

from __future__ import annotations

import contextlib
import threading

__all__ = ["PeakMemory"]


def _pss(pid: int) -> int:
    with open(f"/proc/{pid}/smaps_rollup", "rb") as fh:
        for line in fh:
            if line.startswith(b"Pss:"):
                return int(line.split()[1]) * 1024
    raise OSError(f"no Pss line for process {pid}")


class PeakMemory:
    """Sample the memory of this process and all its children in a background thread.

    ``peak`` is the largest total seen, in bytes. ``kind="rss"`` (default) sums resident set
    sizes: cheap to sample, and an upper bound, because pages that forked workers share with
    their parent count once per process. ``kind="pss"`` (Linux) sums proportional set sizes
    (a page shared by ``k`` processes counts ``1/k`` in each): closer to the truth, but each
    sample costs milliseconds per process, so sample less often. ``cpu_seconds`` is the CPU
    time (user + system) the process tree used meanwhile, as last sampled (a worker's final
    ``interval`` may be missed). Without psutil, ``peak`` falls back to
    ``resource.getrusage`` (the largest single process) and ``cpu_seconds`` stays 0.

    Examples
    --------
    >>> with PeakMemory() as mem:
    ...     _ = bytearray(10_000_000)
    >>> mem.peak > 10_000_000
    True
    """

    def __init__(self, interval: float = 0.05, *, kind: str = "rss"):
        if kind not in {"rss", "pss"}:
            raise ValueError(f"kind={kind!r}: expected 'rss' or 'pss'")
        self.interval = interval
        self.kind = kind
        self.peak = 0
        self.cpu_seconds = 0.0
        self._cpu_start: dict[int, float] = {}
        self._cpu_last: dict[int, float] = {}
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def _sample(self) -> None:
        import psutil

        proc = psutil.Process()
        total = 0
        for p in [proc, *proc.children(recursive=True)]:
            with contextlib.suppress(psutil.Error, OSError):  # a child exiting mid-sample
                total += _pss(p.pid) if self.kind == "pss" else p.memory_info().rss
                t = p.cpu_times()
                self._cpu_last[p.pid] = t.user + t.system
        self.peak = max(self.peak, total)
        self.cpu_seconds = sum(v - self._cpu_start.get(pid, 0.0)
                               for pid, v in self._cpu_last.items())

    def _run(self) -> None:
        while not self._stop.is_set():
            with contextlib.suppress(Exception):
                self._sample()
            self._stop.wait(self.interval)

    def __enter__(self) -> PeakMemory:
        try:
            import psutil  # noqa: F401
        except ImportError:
            self._thread = None
            return self
        self._sample()
        self._cpu_start = dict(self._cpu_last)
        self.cpu_seconds = 0.0
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        if self._thread is not None:
            self._stop.set()
            self._thread.join()
            with contextlib.suppress(Exception):
                self._sample()
        else:
            import resource

            kib = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
                      resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
            self.peak = kib * 1024
