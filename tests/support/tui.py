"""What the app's Pilot tests share."""

from __future__ import annotations

import asyncio
import functools


def run_async(test):
    """Run an async test on a fresh event loop (no pytest plugin needed)."""

    @functools.wraps(test)
    def wrapper(*args, **kwargs):
        return asyncio.run(test(*args, **kwargs))

    return wrapper
