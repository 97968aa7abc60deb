"""What the numbers were measured on."""

from __future__ import annotations

import os
import platform
from pathlib import Path


def describe() -> dict[str, str]:
    return {
        "cpu": _cpu_model(),
        "cores": str(os.cpu_count() or "?"),
        "ram": _ram(),
        "python": platform.python_version(),
        "system": f"{platform.system()} {platform.release()}",
    }


def priority() -> dict[str, object]:
    """This process's CPU priority: its nice value and, where the kernel groups processes by session
    (autogroups, which weigh sessions against each other whatever their processes' nice), its group's."""
    try:
        group = Path("/proc/self/autogroup").read_text().split()
        group_nice = int(group[-1])
    except (OSError, ValueError, IndexError):
        group_nice = None
    return {"nice": os.nice(0), "group_nice": group_nice, "load_average": os.getloadavg()[0]}


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _ram() -> str:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    return "unknown"
