"""Running `quiz` as a learner would: a real process, with a learner's permissions."""

from __future__ import annotations

import ctypes
import os
import subprocess
import sys

from support import paths

QUIZ = [sys.executable, "-m", "quizgen.cli"]
ENV = {**os.environ, "PYTHONPATH": str(paths.ROOT)}


def quiz(*args: str, **kwargs) -> subprocess.CompletedProcess:
    """`quiz ARGS` in a fresh interpreter, text output captured."""
    kwargs.setdefault("env", ENV)
    kwargs.setdefault("timeout", 300)
    return subprocess.run([*QUIZ, *args], capture_output=True, text=True, **kwargs)


def python_lines(code: str, timeout: float = 120) -> list[str]:
    """The lines `code` prints in a fresh interpreter (what it imports is its own: a probe
    of which modules a command loads must not inherit this test process's)."""
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=timeout, check=True
    )
    return result.stdout.splitlines()


CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH = 1, 2
PR_CAPBSET_DROP = 24
LINUX_CAPABILITY_VERSION_3 = 0x20080522


def without_permission_override() -> None:
    """For `preexec_fn`: root reads and writes any file, so tests about permissions drop
    CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH (from the bounding set too, so they stay
    gone after exec) and permissions bite as they do for a learner. No-op when not root."""
    if os.geteuid() != 0:
        return
    libc = ctypes.CDLL(None, use_errno=True)
    for capability in (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH):
        if libc.prctl(PR_CAPBSET_DROP, capability, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")
    header = (ctypes.c_uint32 * 2)(LINUX_CAPABILITY_VERSION_3, 0)
    data = (ctypes.c_uint32 * 6)()  # two sets of (effective, permitted, inheritable)
    if libc.capget(header, data) != 0:
        raise OSError(ctypes.get_errno(), "capget")
    dac = (1 << CAP_DAC_OVERRIDE) | (1 << CAP_DAC_READ_SEARCH)
    data[0] &= ~dac
    data[1] &= ~dac
    if libc.capset(header, data) != 0:
        raise OSError(ctypes.get_errno(), "capset")
