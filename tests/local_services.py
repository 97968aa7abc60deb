"""Real services the tests start on this machine: an S3-compatible server and a Dask cluster.

Each runs as its own processes (moto's server mode, `dask scheduler` and `dask worker`), reached over
loopback exactly as the product reaches a remote store or cluster, and is stopped with its process group.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import requests

from budget_reports.runs import PROJECT_ROOT

STARTUP_SECONDS = 120
BIN = Path(sys.executable).parent
# Credentials the local S3 server accepts; nothing leaves the machine.
S3_CREDENTIALS = {
    "AWS_ACCESS_KEY_ID": "local-test",
    "AWS_SECRET_ACCESS_KEY": "local-test",
    "AWS_DEFAULT_REGION": "us-east-1",
    "AWS_REGION": "us-east-1",
}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def service(command: list[str], env: dict[str, str], log: Path, stop_seconds: float = 30) -> Iterator[subprocess.Popen]:
    """``command`` running in a session of its own (output to ``log``); its whole process group is
    stopped on exit (SIGTERM, then SIGKILL after ``stop_seconds``)."""
    with log.open("w") as out:
        process = subprocess.Popen(
            command, cwd=PROJECT_ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )
        try:
            yield process
        finally:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=stop_seconds)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()


def wait_until(ready, what: str, process: subprocess.Popen, log: Path, seconds: float = STARTUP_SECONDS) -> None:
    deadline = time.monotonic() + seconds
    while not ready():
        assert process.poll() is None, f"{what} exited: {log.read_text()[-2000:]}"
        assert time.monotonic() < deadline, f"{what} did not start: {log.read_text()[-2000:]}"
        time.sleep(0.5)


@contextmanager
def s3_server(tmp_path: Path) -> Iterator[str]:
    """moto's S3-compatible server; yields its endpoint URL."""
    port = free_port()
    log = tmp_path / "s3-server.log"
    env = os.environ | S3_CREDENTIALS
    with service([str(BIN / "moto_server"), "-H", "127.0.0.1", "-p", str(port)], env, log) as process:
        endpoint = f"http://127.0.0.1:{port}"

        def ready() -> bool:
            try:
                return requests.get(endpoint, timeout=10).status_code < 500
            except requests.RequestException:
                return False

        wait_until(ready, "the S3 server", process, log)
        yield endpoint


@contextmanager
def dask_cluster(tmp_path: Path, env: dict[str, str], address_env: str, workers: int = 2) -> Iterator[str]:
    """A Dask scheduler and ``workers`` single-threaded worker processes; yields the scheduler address,
    also set in ``env[address_env]`` (the workers see it too, as the launcher's configuration)."""
    from distributed import Client

    port = free_port()
    address = f"tcp://127.0.0.1:{port}"
    env[address_env] = address
    scheduler_log, worker_log = tmp_path / "dask-scheduler.log", tmp_path / "dask-worker.log"
    scheduler_cmd = [str(BIN / "dask"), "scheduler", "--host", "127.0.0.1", "--port", str(port), "--no-dashboard"]
    worker_cmd = [str(BIN / "dask"), "worker", address, "--nworkers", str(workers), "--nthreads", "1"]
    worker_cmd += ["--no-dashboard", "--memory-limit", "1.5GB"]
    with service(scheduler_cmd, env, scheduler_log) as scheduler, service(worker_cmd, env, worker_log) as worker:

        def ready() -> bool:
            try:
                with Client(address, timeout=5) as client:
                    return len(client.scheduler_info()["workers"]) == workers
            except OSError:
                return False

        wait_until(ready, "the Dask scheduler", scheduler, scheduler_log)
        wait_until(lambda: worker.poll() is None, "the Dask workers", worker, worker_log)
        yield address


def worker_pids(address: str) -> set[int]:
    from distributed import Client

    with Client(address, timeout=10) as client:
        return set(client.run(os.getpid).values())
