"""Hypothesis profiles: CI runs the same examples every time (derandomized,
so the suite never fails by chance); ``make fuzz`` (HYPOTHESIS_PROFILE=fuzz)
runs many more, random ones, and keeps any failure in .hypothesis/ to replay."""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

settings.register_profile("ci", derandomize=True, deadline=None, max_examples=100,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("fuzz", derandomize=False, deadline=None, max_examples=int(os.environ.get("FUZZ_EXAMPLES", 5000)),
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
